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

/// <summary>The owning agency's RAG and the programme office's assured RAG, side by side everywhere the board reads them.</summary>
public sealed class AssuredRagTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private Recommendation _amber = null!;
    private Recommendation _agreed = null!;
    private UserAccount _office = null!;
    private UserAccount _lead = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _amber = Build.Recommendation(review, _agency);
        _amber.Response = ResponseStatus.Accepted;
        _amber.DeliveryStatus = DeliveryStatus.InProgress;
        _amber.Rag = Rag.Amber;
        _amber.RagReason = "Funding agreed, procurement started";
        _agreed = Build.Recommendation(review, _agency);
        _agreed.Rag = Rag.Green;
        _agreed.AssuredRag = Rag.Green;
        _agreed.AssuredRagReason = "Seen the exercise report";
        _office = Build.User(Role.ProgrammeOffice);
        _lead = Build.User(Role.AgencyLead, _agency);
        await App.SaveAsync(_agency, review, _amber, _agreed, _office, _lead);
    }

    private async Task<HttpResponseMessage> AssureAsync(string email, string rag, string reason) =>
        await Client(email)
            .PostFormAsync(
                $"/recommendations/{_amber.Id}/assured-rag",
                $"/recommendations/{_amber.Id}/assured-rag",
                new Dictionary<string, string>
                {
                    ["Rag"] = rag,
                    ["Reason"] = reason,
                    ["Version"] = (
                        await App.WithDbAsync(db => db.Recommendations.Where(r => r.Id == _amber.Id).Select(r => r.Version).SingleAsync())
                    ).ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

    [Fact]
    public async Task The_programme_office_sets_it_with_a_reason_and_the_page_shows_both_and_that_they_disagree()
    {
        await GivenAsync();

        var empty = await AssureAsync(_office.Email, "", " ");
        var saved = await AssureAsync(_office.Email, nameof(Rag.Red), "The exercise in October found the plan unworkable");
        var page = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_amber.Id}", UriKind.Relative));

        var refusal = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Select the assured RAG", refusal, StringComparison.Ordinal);
        Assert.Contains("Enter the reason for the assured RAG", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await App.WithDbAsync(db => db.Recommendations.AsNoTracking().SingleAsync(r => r.Id == _amber.Id));
        Assert.Equal((Rag.Red, _office.Id, Rag.Amber), (stored.AssuredRag, stored.AssuredRagSetByUserId, stored.Rag));
        Assert.Contains("Funding agreed, procurement started", page, StringComparison.Ordinal);
        Assert.Contains("The exercise in October found the plan unworkable", page, StringComparison.Ordinal);
        Assert.Contains("Assessments disagree", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_the_persons_reason_kept()
    {
        await GivenAsync();
        await AssureAsync(_office.Email, nameof(Rag.Amber), "First view");

        var stale = await Client(_office.Email)
            .PostFormAsync(
                $"/recommendations/{_amber.Id}/assured-rag",
                $"/recommendations/{_amber.Id}/assured-rag",
                new Dictionary<string, string>
                {
                    ["Rag"] = nameof(Rag.Red),
                    ["Reason"] = "Second view, typed on an old page",
                    ["Version"] = _amber.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Someone else saved a change to this while you were editing it", html, StringComparison.Ordinal);
        Assert.Contains("Second view, typed on an old page", html, StringComparison.Ordinal);
        Assert.Equal(
            "First view",
            await App.WithDbAsync(db => db.Recommendations.Where(r => r.Id == _amber.Id).Select(r => r.AssuredRagReason).SingleAsync())
        );
    }

    [Theory]
    [InlineData(Role.AgencyLead)]
    [InlineData(Role.Executive)]
    [InlineData(Role.Viewer)]
    public async Task Nobody_but_the_programme_office_may_set_it(Role role)
    {
        await GivenAsync();
        var person = Build.User(role, role == Role.Executive ? null : _agency);
        await App.SaveAsync(person);

        var form = await Client(person.Email).GetAsync(new Uri($"/recommendations/{_amber.Id}/assured-rag", UriKind.Relative));
        var page = await Client(person.Email).GetStringAsync(new Uri($"/recommendations/{_amber.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        Assert.DoesNotContain("/assured-rag", page, StringComparison.Ordinal);
        Assert.Contains("Not yet assured by the programme office", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_may_be_set_on_a_closed_recommendation()
    {
        await GivenAsync();
        await App.WithDbAsync(async db =>
        {
            (await db.Recommendations.SingleAsync(r => r.Id == _amber.Id)).DeliveryStatus = DeliveryStatus.Complete;
            return await db.SaveChangesAsync();
        });

        var saved = await AssureAsync(_office.Email, nameof(Rag.Amber), "Delivered, but not yet tested in an exercise");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task The_register_filters_disagreements_and_the_exports_and_api_carry_both()
    {
        await GivenAsync();
        await AssureAsync(_office.Email, nameof(Rag.Red), "Plan unworkable");
        var client = Client(_office.Email);

        var register = await client.GetStringAsync(new Uri("/recommendations?disagree=true", UriKind.Relative));
        var csv = await client.GetStringAsync(new Uri("/recommendations/export.csv?disagree=true", UriKind.Relative));
        using var api = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/recommendations?disagree=true", UriKind.Relative)));
        using var one = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/recommendations/{_amber.Id}", UriKind.Relative)));

        Assert.Contains(_amber.Reference, register, StringComparison.Ordinal);
        Assert.DoesNotContain(_agreed.Reference, register, StringComparison.Ordinal);
        Assert.Contains("1 recommendation match these filters", register, StringComparison.Ordinal);
        var lines = csv.Split("\r\n");
        Assert.Contains("RAG,Agency's RAG reason,Assured RAG,Assured RAG reason,Assessments disagree", lines[1], StringComparison.Ordinal);
        Assert.Contains(
            "Amber,\"Funding agreed, procurement started\",Red,Plan unworkable,Yes",
            Assert.Single(lines, l => l.StartsWith(_amber.Reference, StringComparison.Ordinal))
        );
        var item = Assert.Single(api.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ("Amber", "Red", true),
            (
                item.GetProperty("rag").GetString(),
                item.GetProperty("assuredRag").GetString(),
                item.GetProperty("assessmentsDisagree").GetBoolean()
            )
        );
        Assert.Equal("Plan unworkable", one.RootElement.GetProperty("assuredRagReason").GetString());
    }

    [Fact]
    public async Task The_board_report_lists_each_disagreement_with_both_reasons()
    {
        await GivenAsync();
        await AssureAsync(_office.Email, nameof(Rag.Red), "Plan unworkable");
        await using var scope = App.Services.CreateAsyncScope();

        var report = await scope
            .ServiceProvider.GetRequiredService<BoardReportQuery>()
            .GatherAsync(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26)), CancellationToken.None);
        var pdf = await Client(_office.Email)
            .GetByteArrayAsync(new Uri("/reports/board.pdf?Scope=Programme&AsAt.Day=26&AsAt.Month=11&AsAt.Year=2026", UriKind.Relative));

        var line = Assert.Single(report!.Disagreements!, d => d.Reference == _amber.Reference);
        Assert.Equal(
            ("Amber", "Funding agreed, procurement started", "Red", "Plan unworkable"),
            (line.AgencyRag, line.AgencyReason, line.AssuredRag, line.AssuredReason)
        );
        Assert.DoesNotContain(report.Disagreements!, d => d.Reference == _agreed.Reference);
        using var stream = new MemoryStream(pdf);
        using var document = UglyToad.PdfPig.PdfDocument.Open(stream);
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));
        Assert.Contains("Where the programme office's assessment differs", text, StringComparison.Ordinal);
        Assert.Contains("Plan unworkable", text, StringComparison.Ordinal);
    }
}
