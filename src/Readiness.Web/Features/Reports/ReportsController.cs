using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Reports;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Reports;

public sealed class ReportForm
{
    public ReportScope Scope { get; set; } = ReportScope.Programme;

    [FitsColumn(typeof(Core.Reviews.Review), nameof(Core.Reviews.Review.Code), "The review")]
    public string? Review { get; set; }

    [FitsColumn(typeof(Core.Agencies.Agency), nameof(Core.Agencies.Agency.Code), "The agency")]
    public string? Agency { get; set; }

    public DateParts AsAt { get; set; } = new();
}

public sealed record IssuedRow(
    Guid Id,
    string Scope,
    string? ScopeCode,
    DateOnly AsAt,
    DateTimeOffset IssuedAt,
    string? IssuedBy,
    string Sha256,
    int Bytes
);

public sealed record ReportsPage(
    ReportForm Form,
    IReadOnlyList<Choice> Reviews,
    IReadOnlyList<Choice> Agencies,
    IReadOnlyList<IssuedRow> Issued,
    int Page,
    int PageCount,
    bool CanIssue
);

/// <summary>What the progress page and its script show of a background report.</summary>
public sealed record RunView(
    Guid Id,
    string State,
    int Percent,
    string Stage,
    string Title,
    string? Download,
    string? Marking,
    int Recommendations
)
{
    public static RunView From(ReportRun run) =>
        new(
            run.Id,
            run.State.ToString().ToLowerInvariant(),
            run.Percent,
            run.Stage,
            $"Board report: {(run.ScopeCode is null ? "the whole programme" : run.ScopeCode)}, as at "
                + run.AsAt.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
            run.State == ReportRunState.Ready ? Links.ReportRunPdf(run.Id) : null,
            run.Marking is { } marking ? Core.Recommendations.Vocabulary.Describe(marking) : null,
            run.Recommendations
        );
}

/// <summary>
/// Board progress reports: generate one for any scope and date, issue it (frozen for good), and download issued ones exactly as issued.
/// </summary>
[Authorize(Policy = Policies.Reports)]
[Route("reports")]
public sealed class ReportsController(ReadinessDbContext db, BoardReportService reports, ReportRuns runs, TimeProvider clock) : Controller
{
    private const int PageSize = 25;

    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default) =>
        await PageAsync(new ReportForm { AsAt = DateParts.From(clock.Today()) }, page, cancellationToken);

    [HttpGet("board.pdf")]
    public async Task<IActionResult> Generate([FromQuery] ReportForm form, CancellationToken cancellationToken)
    {
        var request = Validate(form);
        if (request is null)
        {
            return await PageAsync(form, 1, cancellationToken);
        }

        if (await runs.IsLargeAsync(request, cancellationToken))
        {
            var run = await runs.StartAsync(request, CurrentUser.From(User)!.Reader, cancellationToken);
            return Redirect(Links.ReportRun(run.Id));
        }

        var report = await reports.GenerateAsync(request, cancellationToken);
        return report is null ? NotFound() : File(report.Pdf, "application/pdf", FileName(request));
    }

    /// <summary>A big report in progress: the page follows <see cref="RunStatus"/> and offers the download when ready.</summary>
    [HttpGet("runs/{id:guid}")]
    public async Task<IActionResult> Run(Guid id, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(id, CurrentUser.From(User)!.Reader, cancellationToken);
        if (run is null)
        {
            return NotFound();
        }

        ViewData["Section"] = "reports";
        return View("Run", RunView.From(run));
    }

    [HttpGet("runs/{id:guid}/status")]
    public async Task<IActionResult> RunStatus(Guid id, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(id, CurrentUser.From(User)!.Reader, cancellationToken);
        return run is null ? NotFound() : Json(RunView.From(run));
    }

    [HttpGet("runs/{id:guid}.pdf")]
    public async Task<IActionResult> RunPdf(Guid id, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(id, CurrentUser.From(User)!.Reader, cancellationToken);
        if (run is not { State: ReportRunState.Ready })
        {
            return NotFound();
        }

        Response.StartAttachment("application/pdf", run.FileName);
        return await runs.CopyPdfToAsync(id, Response.Body, cancellationToken) ? new EmptyResult() : NotFound();
    }

    [Authorize(Policy = Policies.ProgrammeOffice)]
    [HttpPost("issue")]
    public async Task<IActionResult> Issue(ReportForm form, CancellationToken cancellationToken)
    {
        var request = Validate(form);
        if (request is null)
        {
            return await PageAsync(form, 1, cancellationToken);
        }

        if (await runs.IsLargeAsync(request, cancellationToken))
        {
            runs.IssueInBackground(request, CurrentUser.From(User)!.Id);
            TempData["Success"] =
                "The report is being issued in the background. It appears under issued reports when it is ready: refresh this "
                + "page in a minute.";
            return Redirect(Links.Reports);
        }

        var snapshot = await reports.IssueAsync(request, CurrentUser.From(User)!.Id, cancellationToken);
        if (snapshot is null)
        {
            return NotFound();
        }

        TempData["Success"] = $"Report issued. Its SHA-256 is {snapshot.Sha256}.";
        return Redirect(Links.Reports);
    }

    [HttpGet("{id:guid}.pdf")]
    public async Task<IActionResult> Download(Guid id, CancellationToken cancellationToken)
    {
        var snapshot = db.BoardReportSnapshots.Where(s => s.Id == id);
        var issued = await snapshot
            .Select(s => new
            {
                s.Scope,
                s.ScopeCode,
                s.AsAt,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (issued is null)
        {
            return NotFound();
        }

        Response.StartAttachment(
            "application/pdf",
            $"board-report-{issued.Scope.ToLowerInvariant()}{(issued.ScopeCode is null ? "" : "-" + issued.ScopeCode)}"
                + $"-{issued.AsAt:yyyy-MM-dd}-issued.pdf"
        );
        return await snapshot.Select(s => s.Pdf).CopyToAsync(Response.Body, cancellationToken) ? new EmptyResult() : NotFound();
    }

    private ReportRequest? Validate(ReportForm form)
    {
        var (asAt, error) = form.AsAt.Parse("Position date", required: true);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(ReportForm.AsAt), error);
        }

        var code = form.Scope switch
        {
            ReportScope.Review => form.Review,
            ReportScope.Agency => form.Agency,
            _ => null,
        };
        if (form.Scope != ReportScope.Programme && string.IsNullOrWhiteSpace(code))
        {
            ModelState.AddModelError(
                form.Scope == ReportScope.Review ? nameof(ReportForm.Review) : nameof(ReportForm.Agency),
                form.Scope == ReportScope.Review ? "Select the review to report on" : "Select the agency to report on"
            );
        }

        return ModelState.IsValid ? new ReportRequest(form.Scope, code, asAt!.Value, CurrentUser.From(User)!.Reader) : null;
    }

    private static string FileName(ReportRequest request) =>
        $"board-report-{request.Scope.ToString().ToLowerInvariant()}{(request.Code is null ? "" : "-" + request.Code)}"
        + $"-{request.AsAt:yyyy-MM-dd}.pdf";

    private async Task<IActionResult> PageAsync(ReportForm form, int page, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "reports";
        var issued = await Pagination.ReadPageAsync(
            db.BoardReportSnapshots.AsNoTracking()
                .OrderByDescending(s => s.IssuedAt)
                .Select(s => new IssuedRow(
                    s.Id,
                    s.Scope,
                    s.ScopeCode,
                    s.AsAt,
                    s.IssuedAt,
                    db.Users.Where(u => u.Id == s.IssuedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
                    s.Sha256,
                    s.Pdf.Length
                )),
            page,
            PageSize,
            cancellationToken
        );
        var reviews = await RegisterOptions.ReviewChoicesAsync(db, cancellationToken);
        var agencies = await RegisterOptions.AgencyChoicesAsync(db, cancellationToken);
        return View(
            "Index",
            new ReportsPage(
                form,
                [new("", "Select a review"), .. reviews],
                [new("", "Select an agency"), .. agencies],
                issued.Items,
                issued.Page,
                issued.PageCount,
                CurrentUser.From(User)!.IsProgrammeOffice
            )
        );
    }
}
