using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Evidence;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Milestones;

public sealed class MilestoneCompletionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private Milestone _milestone = null!;
    private UserAccount _lead = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, _agency);
        recommendation.Response = ResponseStatus.Accepted;
        recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        _milestone = Build.Milestone(recommendation, _agency, new DateOnly(2026, 11, 1));
        _lead = Build.User(Role.AgencyLead, _agency);
        await App.SaveAsync(_agency, review, recommendation, _milestone, _lead);
    }

    private string Page => $"/milestones/{_milestone.Id}/complete";

    private Task<HttpResponseMessage> CompleteAsync(string email, params (string Name, byte[] Content)[] files) =>
        Client(email).PostMultipartAsync(Page, Page, new Dictionary<string, string>(), files);

    private Task<(DateOnly? CompletedOn, int Evidence)> StateAsync() =>
        App.WithDbAsync(async db =>
            (
                (await db.Milestones.SingleAsync(m => m.Id == _milestone.Id)).CompletedOn,
                await db.EvidenceItems.CountAsync(e => e.MilestoneId == _milestone.Id)
            )
        );

    [Fact]
    public async Task A_lead_completes_a_milestone_today_in_one_step()
    {
        await GivenAsync();

        var response = await CompleteAsync(_lead.Email);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((new DateOnly(2026, 11, 26), 0), await StateAsync());
    }

    [Fact]
    public async Task Evidence_attached_on_completion_is_tied_to_the_milestone_and_goes_for_review()
    {
        await GivenAsync();

        var response = await CompleteAsync(_lead.Email, ("exercise-report.pdf", SampleFiles.Pdf()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal((new DateOnly(2026, 11, 26), 1), await StateAsync());
        var item = await App.WithDbAsync(db => db.EvidenceItems.SingleAsync(e => e.MilestoneId == _milestone.Id));
        Assert.Equal(EvidenceStatus.AwaitingReview, item.Status);
        Assert.Equal($"Completion of {_milestone.Title}", item.Title);
    }

    [Fact]
    public async Task A_refused_file_leaves_the_milestone_open_and_says_what_is_allowed()
    {
        await GivenAsync();

        var response = await CompleteAsync(_lead.Email, ("report.pdf", SampleFiles.WindowsProgram()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EvidenceInspector.AllowedTypes, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((null, 0), await StateAsync());
    }

    [Fact]
    public async Task A_completion_from_a_page_drawn_before_someone_else_changed_the_milestone_saves_nothing()
    {
        await GivenAsync();
        var stale = await Client(_lead.Email).GetStringAsync(new Uri(Page, UriKind.Relative));
        await App.WithDbAsync(async db =>
        {
            (await db.Milestones.SingleAsync(m => m.Id == _milestone.Id)).Title = "Renamed meanwhile";
            return await db.SaveChangesAsync();
        });
        var version = System.Text.RegularExpressions.Regex.Match(stale, "name=\"Version\" value=\"([0-9]+)\"").Groups[1].Value;

        var response = await Client(_lead.Email)
            .PostMultipartAsync(Page, Page, new Dictionary<string, string> { ["Version"] = version }, ("report.pdf", SampleFiles.Pdf()));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal((null, 0), await StateAsync());
    }

    [Fact]
    public async Task A_completed_milestone_cannot_be_completed_again_and_another_agency_cannot_complete_it()
    {
        await GivenAsync();
        var otherAgency = Build.Agency();
        var outsider = Build.User(Role.AgencyLead, otherAgency);
        await App.SaveAsync(otherAgency, outsider);

        Assert.Equal(HttpStatusCode.Forbidden, (await CompleteAsync(outsider.Email)).StatusCode);
        await CompleteAsync(_lead.Email);
        Assert.Equal(HttpStatusCode.Conflict, (await Client(_lead.Email).GetAsync(new Uri(Page, UriKind.Relative))).StatusCode);
    }
}
