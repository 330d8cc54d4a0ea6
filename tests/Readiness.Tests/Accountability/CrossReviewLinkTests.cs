using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports;
using Readiness.Core.Reviews;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Accountability;

/// <summary>The programme office links a recommendation to earlier ones: repeats, builds on, replaces.</summary>
public sealed class CrossReviewLinkTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private Recommendation _earlier = null!;
    private Recommendation _later = null!;
    private UserAccount _office = null!;
    private UserAccount _lead = null!;

    private async Task GivenAsync()
    {
        Review review2016 = Build.Review(),
            review2022 = Build.Review();
        _earlier = Build.Recommendation(review2016, _agency);
        _earlier.Title = "Improve radio interoperability between emergency services";
        _later = Build.Recommendation(review2022, _agency);
        _later.Title = "Improve the interoperability of radio communications between the emergency services";
        _office = Build.User(Role.ProgrammeOffice);
        _lead = Build.User(Role.AgencyLead, _agency);
        await App.SaveAsync(_agency, review2016, review2022, _earlier, _later, _office, _lead);
    }

    private Task<HttpResponseMessage> LinkAsync(string email, string kind) =>
        Client(email)
            .PostFormAsync(
                $"/recommendations/{_later.Id}/links/new",
                $"/recommendations/{_later.Id}/links/new",
                new Dictionary<string, string> { ["Kind"] = kind, ["Reference"] = _earlier.Reference }
            );

    [Fact]
    public async Task The_link_page_suggests_the_similar_earlier_recommendation_and_the_link_shows_on_both()
    {
        await GivenAsync();

        var form = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_later.Id}/links/new", UriKind.Relative));
        var noKind = await LinkAsync(_office.Email, "");
        var dependency = await LinkAsync(_office.Email, nameof(LinkKind.DependsOn));
        var saved = await LinkAsync(_office.Email, nameof(LinkKind.Repeats));
        var earlierPage = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_earlier.Id}", UriKind.Relative));
        var laterPage = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_later.Id}", UriKind.Relative));

        Assert.Contains(_earlier.Reference, Suggestions(form), StringComparison.Ordinal);
        Assert.Contains(
            "Select how this recommendation relates to the other",
            await noKind.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Select how this recommendation relates to the other",
            await dependency.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Repeated by", earlierPage, StringComparison.Ordinal);
        Assert.Contains("Repeats", laterPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_programme_office_links_across_reviews_and_removes_those_links()
    {
        await GivenAsync();
        await LinkAsync(_office.Email, nameof(LinkKind.BuildsOn));
        var link = await App.WithDbAsync(db => db.RecommendationLinks.SingleAsync(l => l.RecommendationId == _later.Id));

        var page = await Client(_lead.Email).GetAsync(new Uri($"/recommendations/{_later.Id}/links/new", UriKind.Relative));
        var post = await LinkAsync(_lead.Email, nameof(LinkKind.Replaces));
        var remove = await Client(_lead.Email)
            .PostFormAsync(
                $"/recommendations/{_later.Id}",
                $"/recommendations/{_later.Id}/links/{link.Id}/remove",
                new Dictionary<string, string>()
            );
        var removedByOffice = await Client(_office.Email)
            .PostFormAsync(
                $"/recommendations/{_earlier.Id}",
                $"/recommendations/{_earlier.Id}/links/{link.Id}/remove",
                new Dictionary<string, string>()
            );

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, removedByOffice.StatusCode);
        Assert.False(await App.WithDbAsync(db => db.RecommendationLinks.AnyAsync()));
    }

    [Fact]
    public async Task A_link_cannot_be_removed_through_a_recommendation_it_does_not_touch()
    {
        await GivenAsync();
        await LinkAsync(_office.Email, nameof(LinkKind.Repeats));
        var review = Build.Review();
        var unrelated = Build.Recommendation(review, _agency);
        await App.SaveAsync(review, unrelated);
        var link = await App.WithDbAsync(db => db.RecommendationLinks.SingleAsync());

        var response = await Client(_office.Email)
            .PostFormAsync(
                $"/recommendations/{_later.Id}",
                $"/recommendations/{unrelated.Id}/links/{link.Id}/remove",
                new Dictionary<string, string>()
            );

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.RecommendationLinks.AnyAsync()));
    }

    [Fact]
    public async Task The_board_report_counts_repeats_of_earlier_reviews()
    {
        await GivenAsync();
        await LinkAsync(_office.Email, nameof(LinkKind.Repeats));
        await using var scope = App.Services.CreateAsyncScope();

        var report = await scope
            .ServiceProvider.GetRequiredService<BoardReportQuery>()
            .GatherAsync(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26)), CancellationToken.None);

        Assert.Equal(1, report!.RepeatsOfEarlierReviews);
    }

    private static string Suggestions(string html)
    {
        var start = html.IndexOf("data-testid=\"suggestions\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no suggestions");
        return html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
    }
}
