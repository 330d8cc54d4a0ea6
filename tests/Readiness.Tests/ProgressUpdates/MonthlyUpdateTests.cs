using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.ProgressUpdates;

public sealed class MonthlyUpdateTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private readonly Agency _other = Build.Agency();
    private UserAccount _lead = null!;
    private List<Recommendation> _ours = null!;
    private Recommendation _theirs = null!;

    private static Recommendation Delivering(Recommendation r, Rag? rag = Rag.Amber)
    {
        r.Response = ResponseStatus.Accepted;
        r.DeliveryStatus = DeliveryStatus.InProgress;
        r.Rag = rag;
        r.RagReason = rag is null ? null : "Waiting on funding";
        return r;
    }

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _ours =
        [
            Delivering(Build.Recommendation(review, _agency)),
            Delivering(Build.Recommendation(review, _agency)),
            Delivering(Build.Recommendation(review, _other, _agency), rag: null),
        ];
        _theirs = Delivering(Build.Recommendation(review, _other));
        var closed = Delivering(Build.Recommendation(review, _agency));
        closed.DeliveryStatus = DeliveryStatus.Complete;
        _lead = Build.User(Role.AgencyLead, _agency);
        await App.SaveAsync([_agency, _other, review, .. _ours, _theirs, closed, _lead]);
    }

    private static Dictionary<string, string> Row(
        int i,
        Recommendation r,
        string? narrative,
        bool noChange = false,
        string reason = "On plan"
    )
    {
        var fields = new Dictionary<string, string>
        {
            [$"Rows[{i}].Id"] = r.Id.ToString(),
            [$"Rows[{i}].Version"] = r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Rows[{i}].Narrative"] = narrative ?? "",
            [$"Rows[{i}].Status"] = "InProgress",
            [$"Rows[{i}].Rag"] = "Green",
            [$"Rows[{i}].RagReason"] = reason,
        };
        if (noChange)
        {
            fields[$"Rows[{i}].NoChange"] = "true";
        }

        return fields;
    }

    private Task<HttpResponseMessage> SaveAsync(params Dictionary<string, string>[] rows) =>
        Client(_lead.Email).PostFormAsync("/updates/month", "/updates/month", rows.SelectMany(r => r).ToDictionary());

    private async Task<List<(Guid Id, string Narrative, Rag Rag)>> UpdatesAsync() => (
            await App.WithDbAsync(db =>
                db.ProgressUpdates.OrderBy(p => p.PostedAt)
                    .Select(p => new
                    {
                        p.RecommendationId,
                        p.Narrative,
                        p.Rag,
                    })
                    .ToListAsync()
            )
        ).Select(p => (p.RecommendationId, p.Narrative, p.Rag)).ToList();

    [Fact]
    public async Task The_page_lists_what_the_agency_leads_or_supports_that_is_being_delivered_and_counts_what_is_done()
    {
        await GivenAsync();

        var html = await Client(_lead.Email).GetStringAsync(new Uri("/updates/month", UriKind.Relative));

        Assert.Equal(3, Regex.Count(html, "data-testid=\"monthly-row\""));
        Assert.Contains("0 of 3 updates done this month", html, StringComparison.Ordinal);
        Assert.All(_ours, r => Assert.Contains(r.Reference, html, StringComparison.Ordinal));
        Assert.DoesNotContain(_theirs.Reference, html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "No change this month on"));
    }

    [Fact]
    public async Task One_submit_saves_each_row_with_an_entry_as_its_own_update_and_leaves_blank_rows()
    {
        await GivenAsync();

        var response = await SaveAsync(
            Row(0, _ours[0], "Exercise held at Waterloo"),
            Row(1, _ours[1], null, noChange: true),
            Row(2, _ours[2], null)
        );
        var page = await Client(_lead.Email).GetStringAsync(new Uri("/updates/month", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var updates = await UpdatesAsync();
        Assert.Equal(2, updates.Count);
        Assert.Contains((_ours[0].Id, "Exercise held at Waterloo", Rag.Green), updates);
        Assert.Contains((_ours[1].Id, MonthlyUpdates.NoChangeNarrative, Rag.Amber), updates);
        Assert.Contains("2 of 3 updates done this month", page, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(page, "data-testid=\"monthly-row\"", RegexOptions.None));
    }

    [Fact]
    public async Task A_row_someone_else_updated_meanwhile_keeps_its_text_and_says_so_while_the_others_save()
    {
        await GivenAsync();
        await App.WithDbAsync(async db =>
        {
            var r = await db.Recommendations.SingleAsync(x => x.Id == _ours[1].Id);
            r.RagReason = "Changed by a colleague";
            return await db.SaveChangesAsync();
        });

        var response = await SaveAsync(Row(0, _ours[0], "First"), Row(1, _ours[1], "My text for the second"), Row(2, _ours[2], "Third"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else updated this recommendation since you opened the page", html, StringComparison.Ordinal);
        Assert.Contains("My text for the second", html, StringComparison.Ordinal);
        Assert.Contains("2 updates saved.", html, StringComparison.Ordinal);
        Assert.Equal(new[] { _ours[0].Id, _ours[2].Id }.Order(), (await UpdatesAsync()).Select(u => u.Id).Order());
    }

    [Fact]
    public async Task A_row_with_a_mistake_keeps_its_text_with_the_error_while_the_others_save()
    {
        await GivenAsync();

        var response = await SaveAsync(Row(0, _ours[0], "First"), Row(1, _ours[1], "Second, with no reason", reason: ""));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the reason for the RAG rating", html, StringComparison.Ordinal);
        Assert.Contains("Second, with no reason", html, StringComparison.Ordinal);
        Assert.Equal([_ours[0].Id], (await UpdatesAsync()).Select(u => u.Id));
    }

    [Fact]
    public async Task A_row_for_another_agencys_recommendation_is_refused_and_nothing_is_saved()
    {
        await GivenAsync();

        var response = await SaveAsync(Row(0, _ours[0], "First"), Row(1, _theirs, "Not ours"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await UpdatesAsync());
    }

    [Theory]
    [InlineData(Role.ProgrammeOffice)]
    [InlineData(Role.Executive)]
    [InlineData(Role.Viewer)]
    public async Task Only_agency_leads_and_contributors_have_the_page(Role role)
    {
        var user = Build.User(role);
        await App.SaveAsync(user);

        var response = await Client(user.Email).GetAsync(new Uri("/updates/month", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
