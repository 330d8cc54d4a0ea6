using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports;
using Readiness.Core.Trends;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Trends;

/// <summary>The progress dashboard: who sees which scope, its figures beside the board report's, and the executive home's links.</summary>
public sealed class DashboardTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private readonly Agency _other = Build.Agency();

    private async Task GivenAsync()
    {
        var review = Build.Review();
        var ours = Build.Recommendation(review, _agency);
        ours.DeliveryStatus = DeliveryStatus.Complete;
        var theirs = Build.Recommendation(review, _other);
        var late = Build.Recommendation(review, _other);
        late.Response = ResponseStatus.Accepted;
        late.DeliveryStatus = DeliveryStatus.InProgress;
        late.CurrentTargetDate = new DateOnly(2026, 10, 1);
        await App.SaveAsync(_agency, _other, review, ours, theirs, late);
    }

    [Fact]
    public async Task The_dashboard_figures_for_today_match_the_board_report_for_the_same_scope_and_day()
    {
        await GivenAsync();
        var executive = Build.User(Role.Executive);
        await App.SaveAsync(executive);
        await using var scope = App.Services.CreateAsyncScope();
        var request = new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26));

        var report = (await scope.ServiceProvider.GetRequiredService<BoardReportQuery>().GatherAsync(request, CancellationToken.None))!;
        var trends = (await scope.ServiceProvider.GetRequiredService<TrendQuery>().GatherAsync(request, CancellationToken.None))!;
        var page = await Client(executive.Email).GetStringAsync(new Uri("/dashboard", UriKind.Relative));

        Assert.Equal(report.Total, trends.Now.Total);
        Assert.Equal(report.ByStatus.Single(s => s.Key == nameof(DeliveryStatus.Complete)).Count, trends.Now.Complete);
        Assert.Equal(report.ByRag.Single(s => s.Key == nameof(Rag.Red)).Count, trends.Now.Red);
        Assert.Contains($"{trends.Now.Complete} of {trends.Now.Total} recommendations complete", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"app-chart\"", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex("<script(?![^>]*\\bsrc=)|\\sstyle=|\\son[a-z]+="), page);
    }

    [Fact]
    public async Task An_agency_lead_sees_their_agency_only_whatever_they_ask_for_and_others_are_refused()
    {
        await GivenAsync();
        var lead = Build.User(Role.AgencyLead, _agency);
        var viewer = Build.User(Role.Viewer, _agency);
        var contributor = Build.User(Role.AgencyContributor, _agency);
        await App.SaveAsync(lead, viewer, contributor);

        var page = await Client(lead.Email).GetStringAsync(new Uri($"/dashboard?agency={_other.Code}", UriKind.Relative));

        Assert.Contains($"Recommendations led by {_agency.Name}", page, StringComparison.Ordinal);
        Assert.Contains("1 of 1 recommendations complete", page, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"response-times\"[\\s\\S]*?>0 of 1</td>", page);
        Assert.DoesNotContain("name=\"agency\"", page, StringComparison.Ordinal);
        foreach (var refused in new[] { viewer, contributor })
        {
            Assert.Equal(
                HttpStatusCode.Forbidden,
                (await Client(refused.Email).GetAsync(new Uri("/dashboard", UriKind.Relative))).StatusCode
            );
        }
    }

    [Fact]
    public async Task The_programme_office_chooses_the_scope_and_an_unknown_one_is_not_found()
    {
        await GivenAsync();
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(office);

        var page = await Client(office.Email).GetStringAsync(new Uri($"/dashboard?agency={_other.Code}", UriKind.Relative));
        var unknown = await Client(office.Email).GetAsync(new Uri("/dashboard?review=NOPE", UriKind.Relative));

        Assert.Contains("0 of 2 recommendations complete", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_executive_home_links_to_the_latest_issued_board_report_and_the_dashboard()
    {
        await GivenAsync();
        var executive = Build.User(Role.Executive);
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(executive, office);
        var before = await Client(executive.Email).GetStringAsync(new Uri("/", UriKind.Relative));
        await using var scope = App.Services.CreateAsyncScope();
        var issued = await scope
            .ServiceProvider.GetRequiredService<BoardReportService>()
            .IssueAsync(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26)), office.Id, CancellationToken.None);

        var after = await Client(executive.Email).GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("No board report has been issued yet", before, StringComparison.Ordinal);
        Assert.Contains($"href=\"/reports/{issued!.Id}.pdf\"", after, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard\"", after, StringComparison.Ordinal);
    }
}
