using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Accountability;

/// <summary>"Not progressing" with a blocker and a note, and dependencies between recommendations shown both ways.</summary>
public sealed class BlockerTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private readonly Agency _other = Build.Agency();
    private Recommendation _stuck = null!;
    private Recommendation _prerequisite = null!;
    private UserAccount _lead = null!;
    private UserAccount _office = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _stuck = Build.Recommendation(review, _agency);
        _stuck.Response = ResponseStatus.Accepted;
        _stuck.DeliveryStatus = DeliveryStatus.InProgress;
        _prerequisite = Build.Recommendation(review, _other);
        _lead = Build.User(Role.AgencyLead, _agency);
        _office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(_agency, _other, review, _stuck, _prerequisite, _lead, _office);
    }

    private async Task<string> VersionAsync() =>
        (await App.WithDbAsync(db => db.Recommendations.Where(r => r.Id == _stuck.Id).Select(r => r.Version).SingleAsync())).ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );

    private async Task<HttpResponseMessage> BlockAsync(string email, string kind, string note) =>
        await Client(email)
            .PostFormAsync(
                $"/recommendations/{_stuck.Id}/blocker",
                $"/recommendations/{_stuck.Id}/blocker",
                new Dictionary<string, string>
                {
                    ["Kind"] = kind,
                    ["Note"] = note,
                    ["Version"] = await VersionAsync(),
                }
            );

    private Task<HttpResponseMessage> DependAsync(string email, string reference, string review = "") =>
        Client(email)
            .PostFormAsync(
                $"/recommendations/{_stuck.Id}/dependencies/new",
                $"/recommendations/{_stuck.Id}/dependencies/new",
                new Dictionary<string, string> { ["Reference"] = reference, ["Review"] = review }
            );

    private Task<Recommendation> ReloadAsync() =>
        App.WithDbAsync(db => db.Recommendations.AsNoTracking().SingleAsync(r => r.Id == _stuck.Id));

    [Fact]
    public async Task The_owning_agency_marks_it_not_progressing_with_a_note_and_clears_it()
    {
        await GivenAsync();

        var empty = await BlockAsync(_lead.Email, "", "");
        var saved = await BlockAsync(_lead.Email, nameof(BlockerKind.NeedsFunding), "Capital bid goes to the March board");
        var page = await Client(_lead.Email).GetStringAsync(new Uri($"/recommendations/{_stuck.Id}", UriKind.Relative));
        var blocked = await ReloadAsync();
        var cleared = await Client(_lead.Email)
            .PostFormAsync(
                $"/recommendations/{_stuck.Id}/blocker",
                $"/recommendations/{_stuck.Id}/blocker/remove",
                new Dictionary<string, string> { ["version"] = await VersionAsync() }
            );

        var refusal = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Select what is blocking this recommendation", refusal, StringComparison.Ordinal);
        Assert.Contains("Enter a note saying what is needed to move it on", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((BlockerKind.NeedsFunding, new DateOnly(2026, 11, 26)), (blocked.Blocker, blocked.BlockedSince));
        Assert.Contains("Not progressing", page, StringComparison.Ordinal);
        Assert.Contains("Needs funding since 26 November 2026: Capital bid goes to the March board", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Null((await ReloadAsync()).Blocker);
    }

    [Theory]
    [InlineData(Role.AgencyLead, false)]
    [InlineData(Role.Viewer, true)]
    [InlineData(Role.Executive, true)]
    public async Task Other_agencies_viewers_and_executives_may_not_record_a_blocker_or_a_dependency(Role role, bool ownAgency)
    {
        await GivenAsync();
        var person = Build.User(
            role,
            role == Role.Executive ? null
                : ownAgency ? _agency
                : _other
        );
        await App.SaveAsync(person);

        var blocker = await Client(person.Email).GetAsync(new Uri($"/recommendations/{_stuck.Id}/blocker", UriKind.Relative));
        var dependency = await Client(person.Email).GetAsync(new Uri($"/recommendations/{_stuck.Id}/dependencies/new", UriKind.Relative));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (blocker.StatusCode, dependency.StatusCode));
    }

    [Fact]
    public async Task A_closed_recommendation_cannot_be_marked_blocked()
    {
        await GivenAsync();
        await App.WithDbAsync(async db =>
        {
            (await db.Recommendations.SingleAsync(r => r.Id == _stuck.Id)).DeliveryStatus = DeliveryStatus.Complete;
            return await db.SaveChangesAsync();
        });

        var refused = await Client(_lead.Email).GetAsync(new Uri($"/recommendations/{_stuck.Id}/blocker", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("This recommendation is closed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dependency_is_shown_on_both_recommendations_and_mistakes_are_explained()
    {
        await GivenAsync();

        var unknown = await DependAsync(_lead.Email, "NO-SUCH-1");
        var itself = await DependAsync(_lead.Email, _stuck.Reference);
        var saved = await DependAsync(_lead.Email, _prerequisite.Reference);
        var again = await DependAsync(_lead.Email, _prerequisite.Reference);
        var from = await Client(_lead.Email).GetStringAsync(new Uri($"/recommendations/{_stuck.Id}", UriKind.Relative));
        var to = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_prerequisite.Id}", UriKind.Relative));

        Assert.Contains(
            "No recommendation has the reference NO-SUCH-1",
            await unknown.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Contains("A recommendation cannot be linked to itself", await itself.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains(
            $"This recommendation is already linked to {_prerequisite.Reference}",
            await again.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Contains("Depends on", from, StringComparison.Ordinal);
        Assert.Contains(_prerequisite.Reference, from, StringComparison.Ordinal);
        Assert.Contains("Needed by", to, StringComparison.Ordinal);
        Assert.Contains(_stuck.Reference, to, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_two_reviews_share_a_reference_the_review_must_be_chosen()
    {
        await GivenAsync();
        var later = Build.Review();
        var twin = Build.Recommendation(later, _other);
        twin.Reference = _prerequisite.Reference;
        await App.SaveAsync(later, twin);

        var ambiguous = await DependAsync(_lead.Email, _prerequisite.Reference);
        var chosen = await DependAsync(_lead.Email, _prerequisite.Reference, later.Code);

        Assert.Contains(
            $"More than one review has a recommendation {_prerequisite.Reference}. Select its review",
            await ambiguous.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(
            twin.Id,
            await App.WithDbAsync(db =>
                db.RecommendationLinks.Where(l => l.RecommendationId == _stuck.Id).Select(l => l.OtherRecommendationId).SingleAsync()
            )
        );
    }

    [Fact]
    public async Task Blocked_items_have_a_register_filter_appear_on_home_pages_the_api_and_the_board_report()
    {
        await GivenAsync();
        await BlockAsync(_lead.Email, nameof(BlockerKind.WaitsOnRecommendation), "Needs the shared radio system first");
        await DependAsync(_lead.Email, _prerequisite.Reference);

        var register = await Client(_office.Email).GetStringAsync(new Uri("/recommendations?blocked=true", UriKind.Relative));
        var officeHome = await Client(_office.Email).GetStringAsync(new Uri("/", UriKind.Relative));
        var agencyHome = await Client(_lead.Email).GetStringAsync(new Uri("/", UriKind.Relative));
        using var api = JsonDocument.Parse(
            await Client(_office.Email).GetStringAsync(new Uri($"/api/recommendations/{_stuck.Id}", UriKind.Relative))
        );
        await using var scope = App.Services.CreateAsyncScope();
        var report = await scope
            .ServiceProvider.GetRequiredService<BoardReportQuery>()
            .GatherAsync(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26)), CancellationToken.None);

        Assert.Contains(_stuck.Reference, register, StringComparison.Ordinal);
        Assert.DoesNotContain(_prerequisite.Reference, register, StringComparison.Ordinal);
        Assert.Contains("1 recommendation match these filters", register, StringComparison.Ordinal);
        Assert.Contains(_stuck.Reference, Section(officeHome, "blocked"), StringComparison.Ordinal);
        Assert.Contains(_stuck.Reference, Section(agencyHome, "blocked"), StringComparison.Ordinal);
        var blocker = api.RootElement.GetProperty("blocker");
        Assert.Equal("waits-on-recommendation", blocker.GetProperty("kind").GetString());
        var link = Assert.Single(api.RootElement.GetProperty("links").EnumerateArray());
        Assert.Equal(
            ("depends-on", _prerequisite.Reference),
            (link.GetProperty("relation").GetString(), link.GetProperty("reference").GetString())
        );
        var line = Assert.Single(report!.Blocked!);
        Assert.Equal(
            (_stuck.Reference, "Waits on another recommendation", "Needs the shared radio system first", _prerequisite.Reference),
            (line.Reference, line.Blocker, line.Note, line.DependsOn)
        );
    }

    private static string Section(string html, string testId)
    {
        var start = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {testId} list");
        return html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
    }
}
