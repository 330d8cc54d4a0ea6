using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Readiness.Core;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Users;
using Readiness.TestSupport;

namespace Readiness.BrowserTests;

public sealed class ReminderLinkTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_reminder_link_followed_while_signed_out_ends_on_the_form_that_does_the_job_after_sign_in()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Response = ResponseStatus.Accepted;
        recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        var milestone = Build.Milestone(recommendation, agency, new DateOnly(2026, 11, 20));
        var lead = Build.User(Role.AgencyLead, agency);
        milestone.OwnerUserId = lead.Id;
        await Fixture.App.SaveAsync(agency, review, recommendation, milestone, lead);
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var planned = await scope
            .ServiceProvider.GetRequiredService<ReminderPlanner>()
            .PlanAsync(new DateOnly(2026, 11, 26), Fixture.App.Clock.GetUtcNow(), CancellationToken.None);
        var link = planned.First(n => n.SubjectEntityId == milestone.Id && n.Email == lead.Email).Link;
        Assert.Equal(Links.CompleteMilestone(milestone.Id), link);

        await Page.GotoAsync(link);
        Assert.Contains("/sign-in", Page.Url, StringComparison.Ordinal);
        await Page.GetByLabel(lead.DisplayName).FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(Regex.Escape(link) + "$"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Complete a milestone" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Mark as complete" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByText("Milestone completed.")).ToBeVisibleAsync();
    }
}
