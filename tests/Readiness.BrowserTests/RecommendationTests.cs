using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.Core.Recommendations;
using Readiness.TestSupport;

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
        await Fixture.App.SaveAsync(Build.MonthlyUpdates(recommendation.Id, 12, "Long history update", new DateOnly(2023, 1, 1)));
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
