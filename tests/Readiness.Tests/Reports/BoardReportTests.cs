using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Graphics.Operations.MarkedContent;
using UglyToad.PdfPig.Tokens;

namespace Readiness.Tests.Reports;

public sealed class BoardReportTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private async Task SeedAsync() =>
        await App.WithDbAsync(db => ActivatorUtilities.CreateInstance<DemoDataSeeder>(App.Services, db).SeedAsync(CancellationToken.None));

    private async Task<GeneratedReport> GenerateAsync(ReportScope scope = ReportScope.Programme, string? code = null)
    {
        await using var scopeProvider = App.Services.CreateAsyncScope();
        return (
            await scopeProvider
                .ServiceProvider.GetRequiredService<BoardReportService>()
                .GenerateAsync(new ReportRequest(scope, code, App.Clock.Today()), CancellationToken.None)
        )!;
    }

    [Fact]
    public async Task Every_page_has_the_marking_top_and_bottom_and_a_correct_page_x_of_y()
    {
        await SeedAsync();

        var report = await GenerateAsync();
        using var pdf = PdfDocument.Open(report.Pdf);

        Assert.True(pdf.NumberOfPages > 5, $"Only {pdf.NumberOfPages} pages.");
        foreach (var page in pdf.GetPages())
        {
            var markings = page.GetWords().Where(w => w.Text == report.Data.Marking).Select(w => w.BoundingBox.Bottom).ToList();
            Assert.Contains(markings, y => y > page.Height - 40);
            Assert.Contains(markings, y => y < 40);
            Assert.Contains($"Page {page.Number} of {pdf.NumberOfPages}", page.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_recommendation_in_scope_is_in_the_report_and_no_other()
    {
        await SeedAsync();
        var (fire, others) = await App.WithDbAsync(async db =>
            (
                await db.Recommendations.Where(r => r.LeadAgency!.Code == "LFB").Select(r => r.Reference).ToListAsync(),
                await db.Recommendations.Where(r => r.LeadAgency!.Code != "LFB").Select(r => r.Reference).ToListAsync()
            )
        );

        var all = await GenerateAsync();
        var agency = await GenerateAsync(ReportScope.Agency, "LFB");
        string Text(byte[] bytes)
        {
            using var pdf = PdfDocument.Open(bytes);
            return string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        }

        var allText = Text(all.Pdf);
        var agencyText = Text(agency.Pdf);
        Assert.All(fire.Concat(others), reference => Assert.Contains(reference, allText, StringComparison.Ordinal));
        Assert.All(fire, reference => Assert.Contains(reference, agencyText, StringComparison.Ordinal));
        Assert.DoesNotContain(agencyText.Split(' ', '\n'), word => others.Contains(word));
        Assert.Contains("Sample data", allText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_is_tagged_with_language_title_headings_tables_and_figures_with_alternative_text()
    {
        await SeedAsync();

        var report = await GenerateAsync();
        using var document = TaggedPdf.Open(report.Pdf);
        var catalog = document.Internals.Catalog.Elements;
        var elements = TaggedPdf.StructureElements(document);
        var kinds = elements.Select(e => e.Elements.GetName("/S")).ToHashSet(StringComparer.Ordinal);

        Assert.Equal("en-GB", catalog.GetString("/Lang"));
        Assert.True(catalog.GetDictionary("/MarkInfo")!.Elements.GetBoolean("/Marked"));
        Assert.True(catalog.GetDictionary("/ViewerPreferences")!.Elements.GetBoolean("/DisplayDocTitle"));
        Assert.Contains("<pdfuaid:part>1</pdfuaid:part>", Encoding.UTF8.GetString(catalog.GetDictionary("/Metadata")!.Stream.Value));
        Assert.Subset(new HashSet<string>(["/Document", "/H1", "/H2", "/P", "/Table", "/TR", "/TH", "/TD", "/Figure"]), kinds);
        var figures = elements.Where(e => e.Elements.GetName("/S") == "/Figure").ToList();
        Assert.NotEmpty(figures);
        Assert.All(figures, figure => Assert.False(string.IsNullOrWhiteSpace(figure.Elements.GetString("/Alt"))));
        using var pdf = PdfDocument.Open(report.Pdf);
        Assert.StartsWith("Readiness board progress report", pdf.Information.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Everything_drawn_is_tagged_or_an_artifact_and_each_tagged_item_is_a_kid_of_the_element_the_parent_tree_names()
    {
        await SeedAsync();

        var report = await GenerateAsync();
        using var document = TaggedPdf.Open(report.Pdf);
        var parentTree = document
            .Internals.Catalog.Elements.GetDictionary("/StructTreeRoot")!
            .Elements.GetDictionary("/ParentTree")!
            .Elements.GetArray("/Nums")!;
        using var pdf = PdfDocument.Open(report.Pdf);
        var checkedItems = 0;
        foreach (var page in pdf.GetPages())
        {
            var pageObject = document.Pages[page.Number - 1];
            var owners = parentTree.Elements.GetArray(((page.Number - 1) * 2) + 1)!;
            var depth = 0;
            foreach (var operation in page.Operations)
            {
                switch (operation)
                {
                    case BeginMarkedContentWithProperties { Properties: { } properties } tagged
                        when properties.TryGet(NameToken.Create("MCID"), out NumericToken mcid):
                        depth++;
                        var owner = (PdfSharp.Pdf.PdfDictionary)((PdfSharp.Pdf.Advanced.PdfReference)owners.Elements[mcid.Int]).Value;
                        Assert.Equal(tagged.Name.Data, owner.Elements.GetName("/S")[1..]);
                        Assert.Contains(mcid.Int, TaggedPdf.MarkedKids(owner, pageObject));
                        checkedItems++;
                        break;
                    case BeginMarkedContentWithProperties or BeginMarkedContent:
                        depth++;
                        break;
                    case EndMarkedContent:
                        depth--;
                        break;
                    case { Operator: "Tj" or "TJ" or "f" or "S" or "B" }:
                        Assert.True(depth > 0, $"Page {page.Number} draws ({operation.Operator}) outside any marked content.");
                        break;
                }
            }

            Assert.Equal(0, depth);
        }

        Assert.True(checkedItems > 100, $"Only {checkedItems} tagged items.");
    }

    [Fact]
    public async Task Every_pages_tagged_content_is_found_through_the_structure_parent_tree_in_page_order()
    {
        await SeedAsync();

        var report = await GenerateAsync();
        using var document = TaggedPdf.Open(report.Pdf);
        var entries = document
            .Internals.Catalog.Elements.GetDictionary("/StructTreeRoot")!
            .Elements.GetDictionary("/ParentTree")!
            .Elements.GetArray("/Nums")!;

        Assert.True(document.PageCount > 5, $"Only {document.PageCount} pages.");
        Assert.Equal(document.PageCount * 2, entries.Elements.Count);
        for (var index = 0; index < document.PageCount; index++)
        {
            var page = document.Pages[index];
            var content = Encoding.Latin1.GetString(page.Contents.CreateSingleContent().Stream.UnfilteredValue);
            var markedItems = System.Text.RegularExpressions.Regex.Count(content, @"/MCID \d+");
            Assert.Equal(index, page.Elements.GetInteger("/StructParents"));
            Assert.Equal(index, entries.Elements.GetInteger(index * 2));
            Assert.Equal(markedItems, entries.Elements.GetArray(index * 2 + 1)!.Elements.Count);
        }
    }

    [Fact]
    public async Task An_issued_report_downloads_byte_for_byte_as_issued_after_the_data_changes_and_the_next_report_says_what_changed()
    {
        await SeedAsync();
        var office = await App.WithDbAsync(db => db.Users.FirstAsync(u => u.Role == Role.ProgrammeOffice));
        var executive = await App.WithDbAsync(db => db.Users.FirstAsync(u => u.Role == Role.Executive));
        var today = App.Clock.Today();
        var form = new Dictionary<string, string>
        {
            ["Scope"] = "Programme",
            ["AsAt.Day"] = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AsAt.Month"] = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AsAt.Year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var issued = await Client(office.Email).PostFormAsync("/reports", "/reports/issue", form);
        var snapshot = await App.WithDbAsync(db => db.BoardReportSnapshots.AsNoTracking().SingleAsync());
        await App.WithDbAsync(async db =>
        {
            var recommendation = await db
                .Recommendations.OrderBy(r => r.Reference)
                .FirstAsync(r => r.DeliveryStatus == DeliveryStatus.InProgress);
            recommendation.DeliveryStatus = DeliveryStatus.Complete;
            recommendation.Title = "Changed after issue";
            await db.SaveChangesAsync();
        });
        var download = await Client(executive.Email).GetAsync(new Uri($"/reports/{snapshot.Id}.pdf", UriKind.Relative));
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var next = await GenerateAsync();

        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(snapshot.Pdf, bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), snapshot.Sha256);
        Assert.Contains(next.Data.ChangesSinceLastReport, c => c.Contains("is newly complete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_next_report_tells_apart_recommendations_of_two_reviews_that_share_a_reference()
    {
        var agency = Readiness.TestSupport.Build.Agency();
        var earlier = Readiness.TestSupport.Build.Review("R16");
        var later = Readiness.TestSupport.Build.Review("R22");
        var first = Readiness.TestSupport.Build.Recommendation(earlier, agency);
        var second = Readiness.TestSupport.Build.Recommendation(later, agency);
        (first.Reference, second.Reference) = ("1", "1");
        second.DeliveryStatus = DeliveryStatus.InProgress;
        await App.SaveAsync(agency, earlier, later, first, second);
        async Task<BoardReportSnapshot?> IssueAsync()
        {
            await using var scopeProvider = App.Services.CreateAsyncScope();
            return await scopeProvider
                .ServiceProvider.GetRequiredService<BoardReportService>()
                .IssueAsync(new ReportRequest(ReportScope.Programme, null, App.Clock.Today()), null, CancellationToken.None);
        }

        await IssueAsync();
        await App.WithDbAsync(async db =>
        {
            var later = await db.Recommendations.SingleAsync(r => r.Id == second.Id);
            later.DeliveryStatus = DeliveryStatus.Complete;
            await db.SaveChangesAsync();
        });
        var next = await IssueAsync();

        Assert.NotNull(next);
        Assert.Equal(
            ["1 is newly complete."],
            next.Data.Deserialize<BoardReportData>()!.ChangesSinceLastReport.Where(c => c.Contains("complete", StringComparison.Ordinal))
        );
    }

    [Fact]
    public async Task Reports_are_for_executives_and_the_programme_office_and_only_the_office_issues_them()
    {
        var agency = Readiness.TestSupport.Build.Agency();
        var lead = Readiness.TestSupport.Build.User(Role.AgencyLead, agency);
        var executive = Readiness.TestSupport.Build.User(Role.Executive);
        await App.SaveAsync(agency, lead, executive);

        Assert.Equal(HttpStatusCode.Forbidden, (await Client(lead.Email).GetAsync(new Uri("/reports", UriKind.Relative))).StatusCode);
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await Client(executive.Email)
                    .GetAsync(new Uri("/reports/board.pdf?Scope=Programme&AsAt.Day=1&AsAt.Month=11&AsAt.Year=2026", UriKind.Relative))
            ).StatusCode
        );
        var issue = await Client(executive.Email)
            .PostFormAsync(
                "/reports",
                "/reports/issue",
                new Dictionary<string, string>
                {
                    ["Scope"] = "Programme",
                    ["AsAt.Day"] = "1",
                    ["AsAt.Month"] = "11",
                    ["AsAt.Year"] = "2026",
                }
            );
        Assert.Equal(HttpStatusCode.Forbidden, issue.StatusCode);
    }

    [Fact]
    public async Task A_bad_date_or_missing_scope_code_is_refused_with_a_message()
    {
        var office = Readiness.TestSupport.Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(office);

        var response = await Client(office.Email)
            .GetAsync(new Uri("/reports/board.pdf?Scope=Review&AsAt.Day=31&AsAt.Month=2&AsAt.Year=2026", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Position date must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("Select the review to report on", html, StringComparison.Ordinal);
    }
}

public sealed class MonthlyReportAndExcelTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_monthly_job_issues_the_programme_report_and_emails_each_executive_a_link_once()
    {
        Fixture.Smtp.ClearReceivedEmail();
        var agency = Readiness.TestSupport.Build.Agency();
        var review = Readiness.TestSupport.Build.Review();
        var recommendation = Readiness.TestSupport.Build.Recommendation(review, agency);
        var executives = new[] { Readiness.TestSupport.Build.User(Role.Executive), Readiness.TestSupport.Build.User(Role.Executive) };
        await App.SaveAsync([agency, review, recommendation, .. executives]);

        await using var scope = App.Services.CreateAsyncScope();
        var snapshot = await scope.ServiceProvider.GetRequiredService<MonthlyBoardReportJob>().ExecuteAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Fixture.Smtp.ReceivedEmailCount < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.NotNull(snapshot);
        Assert.Null(snapshot.IssuedByUserId);
        Assert.Equal(executives.Select(e => e.Email).Order(), Fixture.Smtp.ReceivedEmail.Select(m => m.ToAddresses[0].Address).Order());
        Assert.All(
            Fixture.Smtp.ReceivedEmail,
            m => Assert.Contains($"/reports/{snapshot.Id}.pdf", m.MessageParts[0].BodyData, StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task The_register_downloads_as_excel_with_the_same_filters()
    {
        var fire = Readiness.TestSupport.Build.Agency("XFIRE");
        var police = Readiness.TestSupport.Build.Agency("XPOL");
        var review = Readiness.TestSupport.Build.Review();
        var ours = Readiness.TestSupport.Build.Recommendation(review, fire);
        var theirs = Readiness.TestSupport.Build.Recommendation(review, police);
        var viewer = Readiness.TestSupport.Build.User(Role.Viewer);
        await App.SaveAsync(fire, police, review, ours, theirs, viewer);

        var response = await Client(viewer.Email).GetAsync(new Uri("/recommendations/export.xlsx?agency=XFIRE", UriKind.Relative));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcelLibs.MiniExcel.Query(stream).Cast<IDictionary<string, object>>().ToList();

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("OFFICIAL", rows[0]["A"]);
        Assert.Equal("Reference", rows[1]["A"]);
        Assert.Equal(ours.Reference, Assert.Single(rows.Skip(2))["A"]);
    }
}
