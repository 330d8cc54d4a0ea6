using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Recommendations;

public sealed class DeliveryTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private UserAccount _lead = null!;
    private UserAccount _office = null!;

    private async Task<Recommendation> GivenAcceptedAsync(DateOnly? target = null)
    {
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, _agency);
        recommendation.Response = ResponseStatus.Accepted;
        recommendation.OriginalTargetDate = recommendation.CurrentTargetDate = target;
        _lead = Build.User(Role.AgencyLead, _agency);
        _office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(_agency, review, recommendation, _lead, _office);
        return recommendation;
    }

    private Task<uint> VersionAsync(Recommendation r) =>
        App.WithDbAsync(db => db.Recommendations.Where(x => x.Id == r.Id).Select(x => x.Version).SingleAsync());

    private static string Text(uint v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_new_target_date_keeps_the_original_waits_for_approval_and_counts_the_slippage()
    {
        var r = await GivenAcceptedAsync(new DateOnly(2027, 3, 31));

        var asked = await Client(_lead.Email)
            .PostFormAsync(
                $"/recommendations/{r.Id}",
                $"/recommendations/{r.Id}/target-date",
                new Dictionary<string, string>
                {
                    ["NewDate.Day"] = "30",
                    ["NewDate.Month"] = "6",
                    ["NewDate.Year"] = "2027",
                    ["Reason"] = "The supplier is late",
                    ["Version"] = Text(await VersionAsync(r)),
                }
            );
        var beforeDecision = await App.WithDbAsync(db => db.Recommendations.AsNoTracking().SingleAsync(x => x.Id == r.Id));
        var request = await App.WithDbAsync(db => db.TargetDateRequests.AsNoTracking().SingleAsync());
        var decided = await Client(_office.Email)
            .PostFormAsync(
                $"/target-date-requests/{request.Id}",
                $"/target-date-requests/{request.Id}",
                new Dictionary<string, string> { ["Decision"] = "Approved", ["Version"] = Text(request.Version) }
            );
        var after = await App.WithDbAsync(db => db.Recommendations.AsNoTracking().SingleAsync(x => x.Id == r.Id));
        var register = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations?q={r.Reference}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal(new DateOnly(2027, 3, 31), beforeDecision.CurrentTargetDate);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(new DateOnly(2027, 3, 31), after.OriginalTargetDate);
        Assert.Equal(new DateOnly(2027, 6, 30), after.CurrentTargetDate);
        Assert.Equal(91, after.SlippageDays);
        Assert.Contains("data-testid=\"slippage\">91<", register, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusing_a_target_date_needs_a_reason_and_leaves_the_date_alone()
    {
        var r = await GivenAcceptedAsync(new DateOnly(2027, 3, 31));
        await Client(_lead.Email)
            .PostFormAsync(
                $"/recommendations/{r.Id}",
                $"/recommendations/{r.Id}/target-date",
                new Dictionary<string, string>
                {
                    ["NewDate.Day"] = "30",
                    ["NewDate.Month"] = "6",
                    ["NewDate.Year"] = "2027",
                    ["Reason"] = "Late",
                    ["Version"] = Text(await VersionAsync(r)),
                }
            );
        var request = await App.WithDbAsync(db => db.TargetDateRequests.AsNoTracking().SingleAsync());
        var office = Client(_office.Email);

        var noReason = await office.PostFormAsync(
            $"/target-date-requests/{request.Id}",
            $"/target-date-requests/{request.Id}",
            new Dictionary<string, string> { ["Decision"] = "Refused", ["Version"] = Text(request.Version) }
        );
        var refused = await office.PostFormAsync(
            $"/target-date-requests/{request.Id}",
            $"/target-date-requests/{request.Id}",
            new Dictionary<string, string>
            {
                ["Decision"] = "Refused",
                ["Reason"] = "Use existing budget",
                ["Version"] = Text(request.Version),
            }
        );

        var noReasonHtml = await noReason.Content.ReadAsStringAsync();
        Assert.True(
            noReasonHtml.Contains("Enter the reason for refusing", StringComparison.Ordinal),
            $"{(int)noReason.StatusCode} {noReasonHtml[Math.Max(0, noReasonHtml.IndexOf("<main", StringComparison.Ordinal))..]}"
        );
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(
            new DateOnly(2027, 3, 31),
            (await App.WithDbAsync(db => db.Recommendations.AsNoTracking().SingleAsync(x => x.Id == r.Id))).CurrentTargetDate
        );
        Assert.Equal(
            TargetDateRequestState.Refused,
            (await App.WithDbAsync(db => db.TargetDateRequests.AsNoTracking().SingleAsync())).State
        );
    }

    [Theory]
    [InlineData("31", "2", "2027", "Due date must be a real date")]
    [InlineData("", "", "", "Enter the due date")]
    [InlineData("3", "", "2027", "Due date must include a month")]
    [InlineData("3", "4", "27", "Year must include 4 numbers")]
    [InlineData("x", "4", "2027", "Due date must be a real date")]
    public async Task A_milestone_with_an_impossible_date_is_refused_with_a_clear_message_and_nothing_is_saved(
        string day,
        string month,
        string year,
        string message
    )
    {
        var r = await GivenAcceptedAsync();

        var response = await Client(_lead.Email)
            .PostFormAsync(
                $"/recommendations/{r.Id}/milestones/new",
                $"/recommendations/{r.Id}/milestones/new",
                new Dictionary<string, string>
                {
                    ["Title"] = "Typed title survives",
                    ["DeliveringAgencyId"] = _agency.Id.ToString(),
                    ["DueDate.Day"] = day,
                    ["DueDate.Month"] = month,
                    ["DueDate.Year"] = year,
                    ["Version"] = "0",
                }
            );
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("href=\"#DueDate\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Typed title survives\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Milestones.CountAsync()));
    }

    [Fact]
    public async Task Over_long_text_and_unknown_agencies_are_refused()
    {
        var r = await GivenAcceptedAsync();

        var response = await Client(_lead.Email)
            .PostFormAsync(
                $"/recommendations/{r.Id}/milestones/new",
                $"/recommendations/{r.Id}/milestones/new",
                new Dictionary<string, string>
                {
                    ["Title"] = new string('a', 401),
                    ["DeliveringAgencyId"] = Guid.NewGuid().ToString(),
                    ["DueDate.Day"] = "1",
                    ["DueDate.Month"] = "2",
                    ["DueDate.Year"] = "2027",
                }
            );
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("The milestone must be 400 characters or fewer", html, StringComparison.Ordinal);
        Assert.Contains("Select the lead agency or one of the supporting agencies", html, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Milestones.CountAsync()));
    }

    [Fact]
    public async Task Two_edits_of_one_milestone_from_the_same_version_keep_both_texts_and_save_only_the_first()
    {
        var r = await GivenAcceptedAsync();
        var milestone = Build.Milestone(r, _agency, new DateOnly(2027, 1, 31));
        var colleague = Build.User(Role.AgencyContributor, _agency);
        await App.SaveAsync(milestone, colleague);
        var version = Text(
            await App.WithDbAsync(db => db.Milestones.Where(m => m.Id == milestone.Id).Select(m => m.Version).SingleAsync())
        );
        Dictionary<string, string> Form(string title) =>
            new()
            {
                ["Title"] = title,
                ["DeliveringAgencyId"] = _agency.Id.ToString(),
                ["DueDate.Day"] = "31",
                ["DueDate.Month"] = "1",
                ["DueDate.Year"] = "2027",
                ["Version"] = version,
            };

        var first = await Client(_lead.Email)
            .PostFormAsync($"/milestones/{milestone.Id}/edit", $"/milestones/{milestone.Id}/edit", Form("First person's title"));
        var second = await Client(colleague.Email)
            .PostFormAsync($"/milestones/{milestone.Id}/edit", $"/milestones/{milestone.Id}/edit", Form("Second person's title"));
        var html = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone else saved a change", html, StringComparison.Ordinal);
        Assert.Contains("Second person&#x27;s title", html, StringComparison.Ordinal);
        Assert.Contains("First person&#x27;s title", html, StringComparison.Ordinal);
        Assert.Equal("First person's title", (await App.WithDbAsync(db => db.Milestones.AsNoTracking().SingleAsync())).Title);
    }

    [Fact]
    public async Task A_progress_update_sets_status_and_rag_with_its_reason_and_keeps_the_status_history()
    {
        var r = await GivenAcceptedAsync();

        var response = await Client(_lead.Email)
            .PostFormAsync(
                $"/recommendations/{r.Id}",
                $"/recommendations/{r.Id}/updates/new",
                new Dictionary<string, string>
                {
                    ["Narrative"] = "Exercise planned for March.",
                    ["Status"] = "InProgress",
                    ["Rag"] = "Amber",
                    ["RagReason"] = "Venue not yet confirmed",
                    ["Version"] = Text(await VersionAsync(r)),
                }
            );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await App.WithDbAsync(async db =>
        {
            var saved = await db
                .Recommendations.AsNoTracking()
                .Include(x => x.ProgressUpdates)
                .Include(x => x.StatusChanges)
                .SingleAsync(x => x.Id == r.Id);
            Assert.Equal(DeliveryStatus.InProgress, saved.DeliveryStatus);
            Assert.Equal(Rag.Amber, saved.Rag);
            Assert.Equal("Venue not yet confirmed", saved.RagReason);
            Assert.Equal(new DateOnly(2026, 11, 1), Assert.Single(saved.ProgressUpdates).ReportingPeriod);
            Assert.Equal(DeliveryStatus.NotStarted, Assert.Single(saved.StatusChanges).FromStatus);
        });
        var page = await Client(_lead.Email).GetStringAsync(new Uri($"/recommendations/{r.Id}", UriKind.Relative));
        Assert.Contains("Venue not yet confirmed", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_history_is_shown_a_page_at_a_time_newest_first_ten_updates_and_twenty_five_changes_to_a_page()
    {
        var r = await GivenAcceptedAsync();
        await App.SaveAsync(Build.MonthlyUpdates(r.Id, 27, "Update number", new DateOnly(2024, 1, 1), _lead.Id));
        var client = Client(_lead.Email);
        Task<string> PageAsync(string query) => client.GetStringAsync(new Uri($"/recommendations/{r.Id}{query}", UriKind.Relative));

        // The updates' list alone: the page's history names each update's narrative too.
        static string Listed(string page)
        {
            var start = page.IndexOf("data-testid=\"updates\"", StringComparison.Ordinal);
            return page[start..page.IndexOf("</ol>", start, StringComparison.Ordinal)];
        }

        var first = await PageAsync("");
        Assert.Contains("Showing 1 to 10 of 27", first, StringComparison.Ordinal);
        var listed = Listed(first);
        Assert.Equal(10, listed.Split("app-timeline__item").Length - 1);
        Assert.True(
            listed.IndexOf("Update number 27.", StringComparison.Ordinal) < listed.IndexOf("Update number 18.", StringComparison.Ordinal)
        );
        Assert.DoesNotContain("Update number 17.", listed, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Links.RecommendationUpdates(r.Id, 2)}\"", first, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Progress update pages\"", first, StringComparison.Ordinal);

        var last = await PageAsync("?updates=3");
        Assert.Contains("Showing 21 to 27 of 27", last, StringComparison.Ordinal);
        Assert.Contains("Update number 01.", Listed(last), StringComparison.Ordinal);
        Assert.DoesNotContain("Update number 08.", Listed(last), StringComparison.Ordinal);

        // The history pages too (each update saved is a change), on its own: the updates stay on their first page.
        var changes = await App.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.RecommendationId == r.Id));
        Assert.True(changes > 25, $"{changes} changes recorded: too few for a second page of history.");
        Assert.Contains($"Showing 1 to 25 of {changes} changes", first, StringComparison.Ordinal);
        var history = await PageAsync("?history=2");
        Assert.Contains($"Showing 26 to {changes} of {changes} changes", history, StringComparison.Ordinal);
        Assert.Contains("Showing 1 to 10 of 27 progress updates", history, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Links.RecommendationHistory(r.Id, 1)}\"", history, StringComparison.Ordinal);

        // Past either end, or not a number: the nearest page there is, never an error.
        Assert.Contains("Showing 21 to 27 of 27", await PageAsync("?updates=99"), StringComparison.Ordinal);
        Assert.Contains("Showing 1 to 10 of 27", await PageAsync("?updates=-4"), StringComparison.Ordinal);
        Assert.Contains("Showing 1 to 10 of 27", await PageAsync("?updates=abc"), StringComparison.Ordinal);
        Assert.Contains($"Showing 26 to {changes} of {changes} changes", await PageAsync("?history=7"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_the_state_does_not_allow_says_why()
    {
        var review = Build.Review();
        var pending = Build.Recommendation(review, _agency);
        var lead = Build.User(Role.AgencyLead, _agency);
        await App.SaveAsync(_agency, review, pending, lead);

        var response = await Client(lead.Email).GetAsync(new Uri($"/recommendations/{pending.Id}/milestones/new", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Record the response first", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
