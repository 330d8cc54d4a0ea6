using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Recommendations;

public sealed class RecordResponseTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _lead = Build.Agency();
    private readonly Agency _supporting = Build.Agency();
    private readonly Agency _unrelated = Build.Agency();

    private async Task<Recommendation> GivenRecommendationAsync()
    {
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, _lead, _supporting);
        await App.SaveAsync(_lead, _supporting, _unrelated, review, recommendation);
        return recommendation;
    }

    private async Task<HttpResponseMessage> RecordAsync(
        string email,
        Recommendation recommendation,
        string response,
        string rationale = "",
        uint? version = null
    )
    {
        var fields = new Dictionary<string, string> { ["Response"] = response, ["Rationale"] = rationale };
        if (version is not null)
        {
            fields["Version"] = version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            fields["Version"] = (
                await App.WithDbAsync(db => db.Recommendations.Where(r => r.Id == recommendation.Id).Select(r => r.Version).SingleAsync())
            ).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await Client(email)
            .PostFormAsync($"/recommendations/{recommendation.Id}", $"/recommendations/{recommendation.Id}/response", fields);
    }

    private Task<Recommendation> ReloadAsync(Recommendation recommendation) =>
        App.WithDbAsync(db => db.Recommendations.AsNoTracking().SingleAsync(r => r.Id == recommendation.Id));

    [Fact]
    public async Task Lead_cannot_change_another_agencys_recommendation()
    {
        var recommendation = await GivenRecommendationAsync();
        var outsider = Build.User(Role.AgencyLead, _unrelated);
        await App.SaveAsync(outsider);

        var response = await RecordAsync(outsider.Email, recommendation, nameof(ResponseStatus.Accepted));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ResponseStatus.Pending, (await ReloadAsync(recommendation)).Response);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await Client(outsider.Email).GetAsync(new Uri($"/recommendations/{recommendation.Id}/response", UriKind.Relative))).StatusCode
        );
    }

    [Theory]
    [InlineData(Role.AgencyLead, "lead", true)]
    [InlineData(Role.AgencyContributor, "lead", true)]
    [InlineData(Role.AgencyLead, "supporting", true)]
    [InlineData(Role.AgencyContributor, "supporting", true)]
    [InlineData(Role.Viewer, "lead", false)]
    [InlineData(Role.Executive, "lead", false)]
    [InlineData(Role.AgencyLead, "unrelated", false)]
    [InlineData(Role.AgencyContributor, "unrelated", false)]
    [InlineData(Role.ProgrammeOffice, "unrelated", true)]
    public async Task Only_the_owning_agencies_leads_and_contributors_and_the_programme_office_may_record_a_response(
        Role role,
        string agency,
        bool allowed
    )
    {
        var recommendation = await GivenRecommendationAsync();
        var user = Build.User(
            role,
            agency switch
            {
                "lead" => _lead,
                "supporting" => _supporting,
                _ => _unrelated,
            }
        );
        await App.SaveAsync(user);

        var response = await RecordAsync(user.Email, recommendation, nameof(ResponseStatus.Accepted));

        Assert.Equal(allowed ? HttpStatusCode.Redirect : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(allowed ? ResponseStatus.Accepted : ResponseStatus.Pending, (await ReloadAsync(recommendation)).Response);
    }

    [Fact]
    public async Task Recording_a_response_writes_an_audit_event_naming_the_person_with_old_and_new_values()
    {
        var recommendation = await GivenRecommendationAsync();
        var lead = Build.User(Role.AgencyLead, _lead);
        await App.SaveAsync(lead);

        await RecordAsync(lead.Email, recommendation, nameof(ResponseStatus.AcceptedInPrinciple));

        var audit = await App.WithDbAsync(db =>
            db.AuditEvents.AsNoTracking().SingleAsync(a => a.EntityId == recommendation.Id && a.Action == "Modified")
        );
        Assert.Equal(lead.Id, audit.ActorUserId);
        Assert.Equal(lead.Email, audit.ActorName);
        Assert.Equal("Pending", audit.OldValues!.RootElement.GetProperty("Response").GetString());
        Assert.Equal("AcceptedInPrinciple", audit.NewValues!.RootElement.GetProperty("Response").GetString());
    }

    [Fact]
    public async Task The_first_response_is_dated_and_a_later_change_of_mind_keeps_that_date()
    {
        var recommendation = await GivenRecommendationAsync();
        var lead = Build.User(Role.AgencyLead, _lead);
        await App.SaveAsync(lead);
        Assert.Null((await ReloadAsync(recommendation)).RespondedOn);

        await RecordAsync(lead.Email, recommendation, nameof(ResponseStatus.AcceptedInPrinciple));
        App.Clock.Advance(TimeSpan.FromDays(10));
        await RecordAsync(lead.Email, recommendation, nameof(ResponseStatus.Accepted));

        var saved = await ReloadAsync(recommendation);
        Assert.Equal(ResponseStatus.Accepted, saved.Response);
        Assert.Equal(new DateOnly(2026, 11, 26), saved.RespondedOn);
    }

    [Fact]
    public async Task Not_accepted_without_a_rationale_is_refused_with_a_message_and_changes_nothing()
    {
        var recommendation = await GivenRecommendationAsync();
        var lead = Build.User(Role.AgencyLead, _lead);
        await App.SaveAsync(lead);

        var response = await RecordAsync(lead.Email, recommendation, nameof(ResponseStatus.NotAccepted), rationale: "  ");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the rationale for not accepting this recommendation", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Rationale\"", html, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Pending, (await ReloadAsync(recommendation)).Response);
    }

    [Fact]
    public async Task Second_of_two_edits_made_from_the_same_version_is_refused_and_keeps_what_the_person_typed()
    {
        var recommendation = await GivenRecommendationAsync();
        var lead = Build.User(Role.AgencyLead, _lead);
        var colleague = Build.User(Role.AgencyContributor, _lead);
        await App.SaveAsync(lead, colleague);
        var version = (await ReloadAsync(recommendation)).Version;

        var first = await RecordAsync(
            lead.Email,
            recommendation,
            nameof(ResponseStatus.NotAccepted),
            "Covered by national arrangements",
            version
        );
        var second = await RecordAsync(
            colleague.Email,
            recommendation,
            nameof(ResponseStatus.NotAccepted),
            "My different <b>reason</b>",
            version
        );
        var html = await second.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Someone else saved a change", html, StringComparison.Ordinal);
        Assert.Contains("My different &lt;b&gt;reason&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Covered by national arrangements", html, StringComparison.Ordinal);
        Assert.Equal("Covered by national arrangements", (await ReloadAsync(recommendation)).ResponseRationale);
    }

    [Fact]
    public async Task Unknown_recommendation_gives_not_found()
    {
        var lead = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(lead);

        var response = await Client(lead.Email).GetAsync(new Uri($"/recommendations/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
