using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reviews;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Recommendations;

public sealed class RegisterTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _fire = Build.Agency("FIRE");
    private readonly Agency _police = Build.Agency("POLICE");
    private readonly Review _review = Build.Review("REV");
    private UserAccount _viewer = null!;

    private async Task<(Recommendation Barrier, Recommendation Radio, Recommendation Late)> GivenAsync()
    {
        var barrier = Build.Recommendation(_review, _fire);
        barrier.Title = "Install hostile vehicle barriers at venues";
        barrier.Response = ResponseStatus.Accepted;
        barrier.DeliveryStatus = DeliveryStatus.InProgress;
        barrier.Rag = Rag.Amber;
        var radio = Build.Recommendation(_review, _police);
        radio.Title = "Interoperable radio for commanders";
        radio.DeliveryStatus = DeliveryStatus.Complete;
        radio.IsMonitored = true;
        var late = Build.Recommendation(_review, _fire);
        late.Title = "Casualty clearing at stations";
        late.Response = ResponseStatus.Accepted;
        late.DeliveryStatus = DeliveryStatus.InProgress;
        late.Rag = Rag.Green;
        var overdue = Build.Milestone(late, _fire, new DateOnly(2026, 9, 1));
        _viewer = Build.User(Role.Viewer, _police);
        await App.SaveAsync(_fire, _police, _review, barrier, radio, late, overdue, _viewer);
        return (barrier, radio, late);
    }

    private Task<string> GetAsync(string url) => Client(_viewer.Email).GetStringAsync(new Uri(url, UriKind.Relative));

    [Fact]
    public async Task Filters_in_the_query_string_narrow_the_register()
    {
        var (barrier, radio, late) = await GivenAsync();

        var byAgency = await GetAsync("/recommendations?agency=FIRE");
        var byStatus = await GetAsync("/recommendations?status=complete");
        var overdueOnly = await GetAsync("/recommendations?overdue=true");
        var monitored = await GetAsync("/recommendations?monitored=true");
        var searched = await GetAsync("/recommendations?q=barrier");
        var combined = await GetAsync("/recommendations?agency=FIRE&status=in-progress&overdue=true&q=casualty");

        Assert.Contains(barrier.Reference, byAgency, StringComparison.Ordinal);
        Assert.Contains(late.Reference, byAgency, StringComparison.Ordinal);
        Assert.DoesNotContain(radio.Reference, byAgency, StringComparison.Ordinal);
        Assert.Contains(radio.Reference, byStatus, StringComparison.Ordinal);
        Assert.DoesNotContain(barrier.Reference, byStatus, StringComparison.Ordinal);
        Assert.Contains(late.Reference, overdueOnly, StringComparison.Ordinal);
        Assert.DoesNotContain(barrier.Reference, overdueOnly, StringComparison.Ordinal);
        Assert.Contains(radio.Reference, monitored, StringComparison.Ordinal);
        Assert.DoesNotContain(late.Reference, monitored, StringComparison.Ordinal);
        Assert.Contains(barrier.Reference, searched, StringComparison.Ordinal);
        Assert.DoesNotContain(radio.Reference, searched, StringComparison.Ordinal);
        Assert.Contains("1 recommendation match these filters", combined, StringComparison.Ordinal);
        Assert.Contains(late.Reference, combined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rag_filter_uses_the_derived_rag_so_an_overdue_milestone_counts_as_red()
    {
        var (barrier, _, late) = await GivenAsync();

        var red = await GetAsync("/recommendations?rag=red");
        var amber = await GetAsync("/recommendations?rag=amber");

        Assert.Contains(late.Reference, red, StringComparison.Ordinal);
        Assert.DoesNotContain(barrier.Reference, red, StringComparison.Ordinal);
        Assert.Contains(barrier.Reference, amber, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sorting_by_title_descending_orders_the_rows()
    {
        var (barrier, radio, late) = await GivenAsync();

        var html = await GetAsync("/recommendations?sort=title&dir=desc");

        var positions = new[] { radio, barrier, late }.Select(r => html.IndexOf(r.Title, StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("aria-sort=\"descending\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_pages_on_the_server()
    {
        var agency = Build.Agency();
        var recommendations = Enumerable.Range(0, 30).Select(_ => Build.Recommendation(_review, agency)).ToArray();
        var viewer = Build.User(Role.Viewer);
        await App.SaveAsync([agency, _review, viewer, .. recommendations]);
        var client = Client(viewer.Email);

        var first = await client.GetStringAsync(new Uri("/recommendations", UriKind.Relative));
        var second = await client.GetStringAsync(new Uri("/recommendations?page=2", UriKind.Relative));
        var beyond = await client.GetStringAsync(new Uri("/recommendations?page=99", UriKind.Relative));
        var farthest = await client.GetStringAsync(new Uri("/recommendations?page=2147483647", UriKind.Relative));

        var ordered = recommendations.OrderBy(r => r.Reference, StringComparer.Ordinal).ToList();
        Assert.Contains(ordered[24].Reference, first, StringComparison.Ordinal);
        Assert.DoesNotContain(ordered[25].Reference, first, StringComparison.Ordinal);
        Assert.Contains(ordered[25].Reference, second, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", beyond, StringComparison.Ordinal);
        // The total comes with each page; a page past the end, with no rows to carry it, is counted before the last page is read.
        Assert.Contains("30 recommendations. Page 1 of 2.", first, StringComparison.Ordinal);
        Assert.Contains("30 recommendations. Page 2 of 2.", second, StringComparison.Ordinal);
        Assert.Contains("30 recommendations. Page 2 of 2.", beyond, StringComparison.Ordinal);
        Assert.Contains("30 recommendations. Page 2 of 2.", farthest, StringComparison.Ordinal);
        Assert.Contains(ordered[29].Reference, farthest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_download_has_the_same_filters_and_cannot_inject_formulas()
    {
        var (barrier, radio, late) = await GivenAsync();
        await App.WithDbAsync(async db =>
        {
            var r = await db.Recommendations.SingleAsync(x => x.Id == late.Id);
            r.Title = "=HYPERLINK(\"http://evil.example\")";
            await db.SaveChangesAsync();
        });

        var response = await Client(_viewer.Email).GetAsync(new Uri("/recommendations/export.csv?agency=FIRE", UriKind.Relative));
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("OFFICIAL", lines[0].TrimStart('\uFEFF'));
        Assert.Contains("OFFICIAL", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        Assert.StartsWith("Reference,Review,Theme,Title", lines[1], StringComparison.Ordinal);
        Assert.Contains(barrier.Reference, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(radio.Reference, csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_filter_value_shows_no_results_rather_than_an_error()
    {
        await GivenAsync();

        var response = await Client(_viewer.Email)
            .GetAsync(new Uri("/recommendations?agency=NOPE&status=bogus&theme=not-a-guid&page=-4", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No recommendations match these filters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
