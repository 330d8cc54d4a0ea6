using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Exports;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Recommendations;

[Route("recommendations")]
public sealed class RecommendationsController(
    ReadinessDbContext db,
    RegisterQuery register,
    RecommendationPageQuery page,
    RecommendationGate gate,
    TimeProvider clock,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    Microsoft.Extensions.Options.IOptions<Infrastructure.CacheOptions> caching
) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] RegisterFilter filter, CancellationToken cancellationToken)
    {
        var reader = CurrentUser.From(User)!.Reader;
        var (rows, total) = await register.PageAsync(
            filter,
            clock.Today(),
            reader,
            RegisterQuery.PageSize,
            clampToLastPage: true,
            cancellationToken
        );
        ViewData[Markings.ViewDataKey] = NeedToKnow.Highest(rows.Where(r => !r.IsRestricted).Select(r => r.Marking));
        ViewData["Section"] = "recommendations";
        return View(
            new RegisterViewModel(
                filter,
                rows,
                total,
                await RegisterOptions.LoadAsync(
                    db,
                    cache,
                    TimeSpan.FromSeconds(caching.Value.RegisterChoicesSeconds),
                    filter,
                    cancellationToken
                )
            )
        );
    }

    /// <summary>The register as CSV: the first line is the protective marking of what the file holds, then the header row.</summary>
    [HttpGet("export.csv")]
    public async Task Export([FromQuery] RegisterFilter filter, CancellationToken cancellationToken)
    {
        var reader = CurrentUser.From(User)!.Reader;
        var marking = Vocabulary.Describe(await register.HighestMarkingAsync(filter, clock.Today(), reader, cancellationToken));
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"recommendations-{marking}-{clock.Today():yyyy-MM-dd}.csv\"";
        await using var writer = new StreamWriter(Response.Body, Csv.Utf8WithBom);
        await using var csv = Csv.Writer(writer);
        await csv.WriteRowAsync([marking]);
        await csv.WriteRowAsync(ExportColumns.All.Select(c => c.Header));
        await foreach (var row in register.ExportAsync(filter, clock.Today(), reader, cancellationToken))
        {
            await csv.WriteRowAsync(
                ExportColumns.All.Select(c => Convert.ToString(c.Value(row), System.Globalization.CultureInfo.InvariantCulture))
            );
        }
    }

    /// <summary>The register as Excel: the first row is the protective marking, then the header row.</summary>
    [HttpGet("export.xlsx")]
    public async Task Excel([FromQuery] RegisterFilter filter, CancellationToken cancellationToken)
    {
        var reader = CurrentUser.From(User)!.Reader;
        var marking = Vocabulary.Describe(await register.HighestMarkingAsync(filter, clock.Today(), reader, cancellationToken));
        var columns = ExportColumns.All.Select((c, i) => $"C{i}").ToList();
        var rows = new List<Dictionary<string, object?>>
        {
            columns.ToDictionary(c => c, c => (object?)(c == columns[0] ? marking : null)),
            columns.Zip(ExportColumns.All).ToDictionary(p => p.First, p => (object?)p.Second.Header),
        };
        await foreach (var row in register.ExportAsync(filter, clock.Today(), reader, cancellationToken))
        {
            rows.Add(columns.Zip(ExportColumns.All).ToDictionary(p => p.First, p => p.Second.Value(row)));
        }

        Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        Response.Headers.ContentDisposition = $"attachment; filename=\"recommendations-{marking}-{clock.Today():yyyy-MM-dd}.xlsx\"";
        using var buffer = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(buffer, rows, printHeader: false, cancellationToken: cancellationToken);
        buffer.Position = 0;
        await buffer.CopyToAsync(Response.Body, cancellationToken);
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(
        Guid id,
        [FromQuery(Name = "updates")] int updatesPage,
        [FromQuery(Name = "history")] int historyPage,
        CancellationToken cancellationToken
    )
    {
        var recommendation = await page.FindAsync(id, cancellationToken);
        if (recommendation is null)
        {
            return NotFound();
        }

        ViewData["Section"] = "recommendations";
        if (!NeedToKnow.MayRead(CurrentUser.From(User)!.Reader, recommendation))
        {
            return View(
                "Restricted",
                new RestrictedViewModel(
                    recommendation.Id,
                    recommendation.Reference,
                    recommendation.Review!.Title,
                    recommendation.LeadAgency!.Name,
                    recommendation.DeliveryStatus
                )
            );
        }

        ViewData[Markings.ViewDataKey] = recommendation.Marking;
        return View(await page.DetailsAsync(recommendation, User, (updatesPage, historyPage), cancellationToken));
    }

    [HttpGet("{id:guid}/response")]
    public async Task<IActionResult> RecordResponse(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RecordResponse, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        var form = new ResponseForm
        {
            Response = recommendation.Response == ResponseStatus.Pending ? null : recommendation.Response,
            Rationale = recommendation.ResponseRationale,
            Version = recommendation.Version,
        };
        return View(new ResponsePage(recommendation.Id, recommendation.Reference, recommendation.Title, form, null));
    }

    [HttpPost("{id:guid}/response")]
    public async Task<IActionResult> RecordResponse(Guid id, ResponseForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RecordResponse, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        if (!ModelState.IsValid)
        {
            return View(new ResponsePage(recommendation.Id, recommendation.Reference, recommendation.Title, form, null));
        }

        var change = (Recommendation r) => r.RecordResponse(form.Response!.Value, form.Rationale, clock.Today());
        if (
            await ModelState.TryChangeAsync(db, recommendation, form.Version, change, nameof(ResponseForm.Response), cancellationToken) is
            { } current
        )
        {
            form.Version = current.Version;
            return View(new ResponsePage(current.Id, current.Reference, current.Title, form, current.ResponseRationale));
        }

        TempData["Success"] = "Response recorded.";
        return RedirectToAction(nameof(Details), new { id });
    }
}
