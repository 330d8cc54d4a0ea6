using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Auth;

public sealed class CoverTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private UserAccount _lead = null!;
    private UserAccount _deputy = null!;
    private Recommendation _recommendation = null!;
    private Milestone _milestone = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _lead = Build.User(Role.AgencyLead, _agency);
        _deputy = Build.User(Role.AgencyContributor, _agency);
        _recommendation = Build.Recommendation(review, _agency);
        _recommendation.Response = ResponseStatus.Accepted;
        _recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        _recommendation.OwnerUserId = _lead.Id;
        _milestone = Build.Milestone(_recommendation, _agency, new DateOnly(2026, 11, 20));
        _milestone.OwnerUserId = _lead.Id;
        await App.SaveAsync(_agency, review, _lead, _deputy, _recommendation, _milestone);
    }

    private Task<HttpResponseMessage> NameAsync(Guid deputy, string from, string to) =>
        Client(_lead.Email)
            .PostFormAsync(
                "/account/cover",
                "/account/cover",
                new Dictionary<string, string>
                {
                    ["DeputyUserId"] = deputy.ToString(),
                    ["StartsOn.Day"] = from.Split('-')[2],
                    ["StartsOn.Month"] = from.Split('-')[1],
                    ["StartsOn.Year"] = from.Split('-')[0],
                    ["EndsOn.Day"] = to.Split('-')[2],
                    ["EndsOn.Month"] = to.Split('-')[1],
                    ["EndsOn.Year"] = to.Split('-')[0],
                }
            );

    private async Task<List<string>> RemindedOnAsync(DateOnly day)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var planned = await scope
            .ServiceProvider.GetRequiredService<ReminderPlanner>()
            .PlanAsync(day, new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero), CancellationToken.None);
        return [.. planned.Where(n => n.SubjectEntityId == _milestone.Id).Select(n => n.Email)];
    }

    [Fact]
    public async Task A_lead_names_a_deputy_from_their_agency_for_a_date_range()
    {
        await GivenAsync();

        var response = await NameAsync(_deputy.Id, "2026-11-25", "2026-12-04");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cover = await App.WithDbAsync(db => db.Covers.SingleAsync());
        Assert.Equal(
            (_lead.Id, _deputy.Id, new DateOnly(2026, 11, 25), new DateOnly(2026, 12, 4)),
            (cover.LeadUserId, cover.DeputyUserId, cover.StartsOn, cover.EndsOn)
        );
    }

    [Theory]
    [InlineData("another agency", "2026-11-25", "2026-12-04", "Select a lead or contributor from your agency")]
    [InlineData("themself", "2026-11-25", "2026-12-04", "Select a lead or contributor from your agency")]
    [InlineData("deputy", "2026-12-04", "2026-11-25", "The last day of cover must be on or after the first day")]
    [InlineData("deputy", "2026-11-01", "2026-11-10", "The last day of cover must be today or later")]
    public async Task A_deputy_who_cannot_cover_or_dates_that_make_no_sense_are_refused(string who, string from, string to, string message)
    {
        await GivenAsync();
        var outsiderAgency = Build.Agency();
        var outsider = Build.User(Role.AgencyContributor, outsiderAgency);
        await App.SaveAsync(outsiderAgency, outsider);
        var deputy = who switch
        {
            "another agency" => outsider.Id,
            "themself" => _lead.Id,
            _ => _deputy.Id,
        };

        var response = await NameAsync(deputy, from, to);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.Covers.CountAsync()));
    }

    [Fact]
    public async Task Cover_that_overlaps_cover_already_planned_is_refused()
    {
        await GivenAsync();
        await NameAsync(_deputy.Id, "2026-11-25", "2026-12-04");

        var response = await NameAsync(_deputy.Id, "2026-12-01", "2026-12-10");

        Assert.Contains(
            "You already have cover for some of these days",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(1, await App.WithDbAsync(db => db.Covers.CountAsync()));
    }

    [Fact]
    public async Task The_deputy_receives_the_leads_reminders_only_within_the_range()
    {
        await GivenAsync();
        await NameAsync(_deputy.Id, "2026-11-26", "2026-11-30");

        Assert.Equal([_lead.Email], await RemindedOnAsync(new DateOnly(2026, 11, 25)));
        Assert.Equal([_deputy.Email], await RemindedOnAsync(new DateOnly(2026, 11, 26)));
        Assert.Equal([_deputy.Email], await RemindedOnAsync(new DateOnly(2026, 11, 30)));
        Assert.Equal([_lead.Email], await RemindedOnAsync(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public async Task What_a_deputy_does_on_the_leads_recommendation_during_cover_is_recorded_as_done_for_the_lead()
    {
        await GivenAsync();
        await NameAsync(_deputy.Id, "2026-11-26", "2026-11-30");

        var posted = await Client(_deputy.Email)
            .PostFormAsync(
                $"/recommendations/{_recommendation.Id}/updates/new",
                $"/recommendations/{_recommendation.Id}/updates/new",
                new Dictionary<string, string>
                {
                    ["Narrative"] = "Posted by the deputy",
                    ["Status"] = "InProgress",
                    ["Rag"] = "Green",
                    ["RagReason"] = "On plan",
                    ["Version"] = _recommendation.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var audit = await App.WithDbAsync(db =>
            db.AuditEvents.Where(a => a.EntityType == nameof(ProgressUpdate))
                .Select(a => new
                {
                    a.ActorUserId,
                    a.OnBehalfOfUserId,
                    a.ActorName,
                })
                .SingleAsync()
        );
        Assert.Equal((_deputy.Id, _lead.Id), (audit.ActorUserId!.Value, audit.OnBehalfOfUserId!.Value));
        Assert.Equal($"{_deputy.Email} for {_lead.Email}", audit.ActorName);
    }

    [Fact]
    public async Task Outside_the_cover_a_deputys_change_is_their_own()
    {
        await GivenAsync();
        await NameAsync(_deputy.Id, "2026-12-01", "2026-12-05");

        await Client(_deputy.Email)
            .PostFormAsync(
                $"/recommendations/{_recommendation.Id}/updates/new",
                $"/recommendations/{_recommendation.Id}/updates/new",
                new Dictionary<string, string>
                {
                    ["Narrative"] = "Posted by a colleague",
                    ["Status"] = "InProgress",
                    ["Rag"] = "Green",
                    ["RagReason"] = "On plan",
                    ["Version"] = _recommendation.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

        Assert.Null(
            await App.WithDbAsync(db =>
                db.AuditEvents.Where(a => a.EntityType == nameof(ProgressUpdate)).Select(a => a.OnBehalfOfUserId).SingleAsync()
            )
        );
    }
}
