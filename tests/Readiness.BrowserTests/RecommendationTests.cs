using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.Core.Recommendations;

namespace Readiness.BrowserTests;

public sealed class RecommendationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_register_passes_axe_and_pages_on_the_server()
    {
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync("/recommendations");
        await Assertions.Expect(Page.GetByTestId("register").Locator("tbody tr")).ToHaveCountAsync(25);
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        Assert.EndsWith("page=2", Page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_long_history_of_progress_updates_pages_with_the_keyboard_and_passes_axe()
    {
        var recommendation = await Fixture.App.WithDbAsync(db =>
            db.Recommendations.AsNoTracking()
                .Where(r => r.Marking == ProtectiveMarking.Official)
                .OrderByDescending(r => r.Reference)
                .FirstAsync()
        );
        var posted = new DateTimeOffset(2023, 1, 10, 9, 0, 0, TimeSpan.Zero);
        await Fixture.App.SaveAsync(
            Enumerable
                .Range(1, 12)
                .Select(i => new ProgressUpdate
                {
                    RecommendationId = recommendation.Id,
                    Narrative = $"Long history update {i:D2}.",
                    DeliveryStatus = DeliveryStatus.InProgress,
                    Rag = Rag.Amber,
                    ReportingPeriod = new DateOnly(2023, 1, 1).AddMonths(i - 1),
                    PostedAt = posted.AddMonths(i - 1),
                })
                .ToArray<object>()
        );
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync($"/recommendations/{recommendation.Id}");
        var updates = Page.GetByTestId("updates").Locator("li");
        await Assertions.Expect(updates).ToHaveCountAsync(10);
        await AssertAccessibleAsync();

        var pages = Page.GetByRole(AriaRole.Navigation, new() { Name = "Progress update pages" });
        await pages.GetByRole(AriaRole.Link, new() { Name = "Next page" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByTestId("updates-shown")).ToContainTextAsync("Showing 11 to");
        Assert.Contains("updates=2", Page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync();
    }
}
