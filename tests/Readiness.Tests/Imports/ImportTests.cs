using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Imports;
using Readiness.Core.Recommendations;
using Readiness.Core.Reviews;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Imports;

public sealed class ImportTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private const string Header =
        "Review,Reference,Title,Text,Theme,Lead agency,Supporting agencies,Target date,Priority,Monitored,Marking,Publishable";
    private readonly Agency _met = Build.Agency("MPS");
    private readonly Agency _lfb = Build.Agency("LFB");
    private readonly Review _review = Build.Review("IMP22");
    private UserAccount _office = null!;

    private async Task GivenAsync()
    {
        _office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(_met, _lfb, _review, _office);
    }

    private string Theme => _review.Themes[0].Name;

    private string CleanFile() =>
        string.Join(
            "\r\n",
            Header,
            $"IMP22,2022-001,Share threat information with venues,\"Agencies should share, in good time, what venues need.\nA second "
                + $"line.\",{Theme},MPS,LFB,2027-03-31,High,Yes,OFFICIAL,Yes",
            $"IMP22,2022-002,Train staff in first aid,Train everyone who works at a large venue.,,Agency LFB,,31/12/2026,,,,",
            $"IMP22,2022-003,Exercise the plan,Run a joint exercise every year.,{Theme},LFB,MPS;LFB,,Low,No,OFFICIAL-SENSITIVE,No"
        ) + "\r\n";

    private async Task<HttpResponseMessage> UploadAsync(string name, byte[] content) =>
        await Client(_office.Email).PostMultipartAsync("/admin/import", "/admin/import", new Dictionary<string, string>(), (name, content));

    private async Task<(HttpResponseMessage Response, string Html)> DryRunAsync(string name, byte[] content)
    {
        var uploaded = await UploadAsync(name, content);
        Assert.True(
            uploaded.StatusCode == HttpStatusCode.Redirect,
            $"{(int)uploaded.StatusCode}: {await uploaded.Content.ReadAsStringAsync()}"
        );
        var page = await Client(_office.Email).GetAsync(uploaded.Headers.Location);
        return (uploaded, await page.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> ApplyAsync(Uri batch) =>
        await Client(_office.Email).PostFormAsync(batch.OriginalString, batch.OriginalString + "/apply", new Dictionary<string, string>());

    private Task<int> RecommendationCountAsync() => App.WithDbAsync(db => db.Recommendations.CountAsync());

    [Fact]
    public async Task A_file_with_mixed_good_and_bad_rows_reports_each_bad_row_by_number_and_imports_nothing()
    {
        await GivenAsync();
        var file = string.Join(
            "\n",
            Header,
            $"IMP22,2022-001,Good row,Text.,{Theme},MPS,,,,,,",
            "IMP22,2022-002,Unknown agency,Text.,,Met Office,,,,,,",
            "IMP22,2022-001,Duplicate reference,Text.,,MPS,,,,,,",
            "IMP22,2022-004,,Missing title.,,MPS,,,,,,",
            "IMP22,2022-005,Bad date,Text.,,MPS,,31/02/2027,,,,",
            "IMP22,2022-006,Unknown theme,Text.,Pandemic planning,MPS,,,,,,",
            "NOPE,2022-007,Unknown review,Text.,,MPS,,,,,,"
        );

        var (uploaded, html) = await DryRunAsync("review.csv", Encoding.UTF8.GetBytes(file));
        var apply = await ApplyAsync(uploaded.Headers.Location!);

        Assert.Contains("Dry run: 6 problems to correct", html, StringComparison.Ordinal);
        var problems = ProblemRows(html);
        Assert.Equal([3, 4, 5, 6, 7, 8], problems.Select(p => p.Row));
        Assert.Contains("There is no agency &quot;Met Office&quot;", problems[0].Text, StringComparison.Ordinal);
        Assert.Contains("2022-001 appears twice in the file: row 2 has it too", problems[1].Text, StringComparison.Ordinal);
        Assert.Contains("Enter the title", problems[2].Text, StringComparison.Ordinal);
        Assert.Contains("&quot;31/02/2027&quot; is not a date", problems[3].Text, StringComparison.Ordinal);
        Assert.Contains("has no theme &quot;Pandemic planning&quot;", problems[4].Text, StringComparison.Ordinal);
        Assert.Contains("There is no review with the code &quot;NOPE&quot;", problems[5].Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.Contains("Nothing was imported", await apply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await RecommendationCountAsync());
    }

    [Fact]
    public async Task Import_clicked_twice_at_once_imports_once_and_neither_click_fails()
    {
        await GivenAsync();
        var (first, _) = await DryRunAsync("review.csv", Encoding.UTF8.GetBytes(CleanFile()));

        var clicks = await Task.WhenAll(ApplyAsync(first.Headers.Location!), ApplyAsync(first.Headers.Location!));

        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        Assert.Equal(3, await RecommendationCountAsync());
        Assert.Equal(1, await App.WithDbAsync(db => db.ImportBatches.CountAsync(b => b.AppliedAt != null)));
    }

    [Fact]
    public async Task A_clean_file_imports_every_row_and_the_same_file_again_changes_nothing()
    {
        await GivenAsync();
        var content = Encoding.UTF8.GetBytes(CleanFile());

        var (first, firstHtml) = await DryRunAsync("review.csv", content);
        Assert.Equal(0, await RecommendationCountAsync());
        var applied = await ApplyAsync(first.Headers.Location!);
        var auditAfterFirst = await App.WithDbAsync(db => db.AuditEvents.CountAsync());
        var (second, secondHtml) = await DryRunAsync("review.csv", content);
        var auditAfterSecond = await App.WithDbAsync(db => db.AuditEvents.CountAsync());

        Assert.Contains("Importing will add 3, update 0 and leave 0 unchanged", firstHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var imported = await App.WithDbAsync(db =>
            db.Recommendations.AsNoTracking().Include(r => r.SupportingAgencies).OrderBy(r => r.Reference).ToListAsync()
        );
        Assert.Equal(["2022-001", "2022-002", "2022-003"], imported.Select(r => r.Reference));
        Assert.Equal("Agencies should share, in good time, what venues need.\nA second line.", imported[0].Text);
        Assert.Equal(
            (_met.Id, new DateOnly(2027, 3, 31), Priority.High, true, true),
            (
                imported[0].LeadAgencyId,
                imported[0].CurrentTargetDate!.Value,
                imported[0].Priority,
                imported[0].IsMonitored,
                imported[0].IsPublishable
            )
        );
        Assert.Equal(_review.Themes[0].Id, imported[0].ThemeId);
        Assert.Equal([_lfb.Id], imported[0].SupportingAgencies.Select(s => s.AgencyId));
        Assert.Equal(
            (_lfb.Id, new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31)),
            (imported[1].LeadAgencyId, imported[1].OriginalTargetDate!.Value, imported[1].CurrentTargetDate!.Value)
        );
        Assert.Equal([_met.Id], imported[2].SupportingAgencies.Select(s => s.AgencyId));
        Assert.Equal(ProtectiveMarking.OfficialSensitive, imported[2].Marking);
        Assert.All(imported, r => Assert.Equal((ResponseStatus.Pending, DeliveryStatus.NotStarted), (r.Response, r.DeliveryStatus)));

        Assert.Contains("Importing will add 0, update 0 and leave 3 unchanged", secondHtml, StringComparison.Ordinal);
        Assert.Contains("nothing to import", secondHtml, StringComparison.Ordinal);
        Assert.Equal(auditAfterFirst, auditAfterSecond - 1); // only the second upload itself is recorded
        var again = await ApplyAsync(second.Headers.Location!);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(3, await RecommendationCountAsync());
        // The batch marked applied; no recommendation touched.
        Assert.Equal(auditAfterSecond + 1, await App.WithDbAsync(db => db.AuditEvents.CountAsync()));
    }

    [Fact]
    public async Task A_changed_row_updates_its_recommendation_by_reference_instead_of_duplicating_it()
    {
        await GivenAsync();
        await ApplyAsync((await DryRunAsync("review.csv", Encoding.UTF8.GetBytes(CleanFile()))).Response.Headers.Location!);
        var changed = CleanFile().Replace("Train staff in first aid", "Train all venue staff in first aid", StringComparison.Ordinal);

        var (uploaded, html) = await DryRunAsync("review.csv", Encoding.UTF8.GetBytes(changed));
        await ApplyAsync(uploaded.Headers.Location!);

        Assert.Contains("Importing will add 0, update 1 and leave 2 unchanged", html, StringComparison.Ordinal);
        Assert.Equal(3, await RecommendationCountAsync());
        Assert.Equal(
            "Train all venue staff in first aid",
            await App.WithDbAsync(db => db.Recommendations.Where(r => r.Reference == "2022-002").Select(r => r.Title).SingleAsync())
        );
    }

    [Fact]
    public async Task An_excel_workbook_imports_like_the_csv()
    {
        await GivenAsync();
        var rows = new List<Dictionary<string, object?>>
        {
            new()
            {
                ["Review"] = "IMP22",
                ["Reference"] = "2022-010",
                ["Title"] = "From Excel",
                ["Text"] = "Typed in a spreadsheet.",
                ["Theme"] = Theme,
                ["Lead agency"] = "MPS",
                ["Supporting agencies"] = "",
                ["Target date"] = new DateTime(2027, 6, 30),
                ["Priority"] = "",
                ["Monitored"] = "",
                ["Marking"] = "",
                ["Publishable"] = "",
            },
        };
        using var buffer = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(buffer, rows, cancellationToken: TestContext.Current.CancellationToken);

        var (uploaded, html) = await DryRunAsync("review.xlsx", buffer.ToArray());
        await ApplyAsync(uploaded.Headers.Location!);

        Assert.Contains("Importing will add 1", html, StringComparison.Ordinal);
        Assert.Equal(
            new DateOnly(2027, 6, 30),
            await App.WithDbAsync(db =>
                db.Recommendations.Where(r => r.Reference == "2022-010").Select(r => r.CurrentTargetDate).SingleAsync()
            )
        );
    }

    public static TheoryData<string, byte[], string> RefusedFiles =>
        new()
        {
            {
                "review.csv",
                SampleFiles.Pdf(),
                "The file review.csv is named as a CSV file but its content is a PDF. Upload a CSV file saved as UTF-8, or an Excel "
                    + "workbook (.xlsx)"
            },
            { "review.xlsx", SampleFiles.Docx(macros: false), "not a real Excel workbook" },
            { "review.pdf", SampleFiles.Pdf(), "must be a CSV (.csv) or Excel workbook (.xlsx)" },
            { "review.csv", [0xFF, 0xFE, 0x00, 0x41, 0xC3, 0x28], "is not UTF-8 text" },
            {
                "review.csv",
                Encoding.UTF8.GetBytes("Reference,Title\n1,A\n"),
                "It has no &quot;Review&quot;, &quot;Text&quot;, &quot;Lead agency&quot; columns"
            },
            { "review.csv", Encoding.UTF8.GetBytes(Header + "\n"), "has a header row but no recommendations" },
            { "review.csv", Encoding.UTF8.GetBytes(Header + "\n" + new string('x', 6 * 1024 * 1024)), "must be smaller than 5 MB" },
            { "review.csv", TooManyRows(), "The file has more than 5,000 rows; import at most 5,000 at a time" },
            { "review.xlsx", TooManyRowsWorkbook(), "The file has more than 5,000 rows; import at most 5,000 at a time" },
        };

    private static byte[] TooManyRows() =>
        Encoding.UTF8.GetBytes(
            Header + "\n" + string.Concat(Enumerable.Range(1, ImportFile.MaxRows + 1).Select(i => $"Harris 2022,R{i},Title,Text,,MPS\n"))
        );

    private static byte[] TooManyRowsWorkbook()
    {
        using var buffer = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(
            buffer,
            Enumerable
                .Range(1, ImportFile.MaxRows + 1)
                .Select(i => new Dictionary<string, object> { ["Review"] = "Harris 2022", ["Reference"] = $"R{i}" })
        );
        return buffer.ToArray();
    }

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task A_file_that_is_not_what_it_claims_or_too_large_is_refused_with_a_clear_message_and_nothing_is_kept(
        string name,
        byte[] content,
        string message
    )
    {
        await GivenAsync();

        var response = await UploadAsync(name, content);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.DoesNotContain("PowerPoint", html, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.ImportBatches.CountAsync()));
    }

    [Fact]
    public async Task Only_the_programme_office_may_import()
    {
        await GivenAsync();
        var lead = Build.User(Role.AgencyLead, _met);
        await App.SaveAsync(lead);

        Assert.Equal(HttpStatusCode.Forbidden, (await Client(lead.Email).GetAsync(new Uri("/admin/import", UriKind.Relative))).StatusCode);
        var upload = await Client(lead.Email)
            .PostMultipartAsync(
                "/recommendations",
                "/admin/import",
                new Dictionary<string, string>(),
                ("review.csv", Encoding.UTF8.GetBytes(CleanFile()))
            );
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(0, await RecommendationCountAsync());
    }

    [Fact]
    public async Task The_templates_download_with_the_header_row()
    {
        await GivenAsync();

        var csv = await Client(_office.Email).GetStringAsync(new Uri("/admin/import/template.csv", UriKind.Relative));
        var xlsx = await Client(_office.Email).GetByteArrayAsync(new Uri("/admin/import/template.xlsx", UriKind.Relative));

        Assert.Equal(Header, csv.TrimStart('\uFEFF').TrimEnd());
        using var stream = new MemoryStream(xlsx);
        var header = ((IDictionary<string, object?>)MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: false).First()).Values.Select(v =>
            v?.ToString()
        );
        Assert.Equal(Header.Split(','), header);
    }

    private static List<(int Row, string Text)> ProblemRows(string html) =>
        System
            .Text.RegularExpressions.Regex.Matches(
                html,
                "<tr class=\"govuk-table__row\">\\s*<td class=\"govuk-table__cell\">(\\d+)</td>(.*?)</tr>",
                System.Text.RegularExpressions.RegexOptions.Singleline
            )
            .Select(m => (int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups[2].Value))
            .ToList();
}
