using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.TestSupport;

namespace Readiness.BrowserTests;

public sealed class MonthlyUpdateTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_lead_updates_twelve_recommendations_in_one_submit_with_the_keyboard_and_one_conflict_keeps_its_text()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendations = Enumerable
            .Range(0, 12)
            .Select(_ =>
            {
                var r = Build.Recommendation(review, agency);
                r.Response = ResponseStatus.Accepted;
                r.DeliveryStatus = DeliveryStatus.InProgress;
                r.Rag = Rag.Amber;
                r.RagReason = "Waiting on funding";
                return r;
            })
            .ToList();
        var lead = Build.User(Role.AgencyLead, agency);
        await Fixture.App.SaveAsync([agency, review, .. recommendations, lead]);
        await SignInWithKeyboardAsync(lead.DisplayName);

        await Page.GotoAsync("/updates/month");
        await Assertions.Expect(Page.GetByTestId("done-count")).ToHaveTextAsync("0 of 12 updates done this month");
        await AssertAccessibleAsync();
        await Page.GetByLabel($"What has happened on {recommendations[0].Reference} since the last update?").FocusAsync();
        for (var i = 0; i < 12; i++)
        {
            await Page.Keyboard.TypeAsync($"Month's work on row {i + 1}");
            await TabToAsync(i < 11 ? "Narrative" : "Save updates");
        }

        // A colleague updates the fifth recommendation after the page was drawn.
        await Fixture.App.WithDbAsync(async db =>
        {
            var fifth = await db.Recommendations.SingleAsync(r => r.Id == recommendations[4].Id);
            fifth.RagReason = "Changed by a colleague";
            return await db.SaveChangesAsync();
        });
        await Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(Page.GetByText("11 updates saved.")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("done-count")).ToHaveTextAsync("11 of 12 updates done this month");
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToContainTextAsync("Someone else updated this recommendation");
        await Assertions
            .Expect(Page.GetByLabel($"What has happened on {recommendations[4].Reference} since the last update?"))
            .ToHaveValueAsync("Month's work on row 5");
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Save updates" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByTestId("done-count")).ToHaveTextAsync("12 of 12 updates done this month");
        Assert.Equal(
            12,
            await Fixture.App.WithDbAsync(db =>
                db.ProgressUpdates.CountAsync(p => recommendations.Select(r => r.Id).Contains(p.RecommendationId))
            )
        );
    }

    /// <summary>Presses Tab until the next row's update box, or the save button, has the focus.</summary>
    private async Task TabToAsync(string target)
    {
        for (var presses = 0; presses < 12; presses++)
        {
            await Page.Keyboard.PressAsync("Tab");
            var focused = await Page.EvaluateAsync<string>(
                "() => document.activeElement.name?.endsWith('.Narrative') ? 'Narrative' : document.activeElement.textContent.trim()"
            );
            if (focused == target)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {target}");
    }
}
