using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Imports;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Admin.Imports;

public sealed record ImportBatchSummary(
    Guid Id,
    string FileName,
    DateTimeOffset UploadedAt,
    DateTimeOffset? AppliedAt,
    int Created,
    int Updated
);

public sealed record ImportIndexPage(IReadOnlyList<ImportBatchSummary> Recent);

/// <summary>A batch, its dry run, and for each row that adds a recommendation the existing ones like it (by row number).</summary>
public sealed record ImportBatchPage(
    ImportBatchSummary Batch,
    ImportPlan Plan,
    IReadOnlyDictionary<int, IReadOnlyList<SimilarRecommendation>> Similar
);

/// <summary>
/// Importing recommendations from CSV or Excel: upload, a dry run that lists every problem by row and changes nothing,
/// then apply all rows or none. The file is kept between the two, so any instance can apply it.
/// </summary>
[Authorize(Policy = Policies.ProgrammeOffice)]
[Route("admin/import")]
public sealed class ImportsController(
    ReadinessDbContext db,
    RecommendationImporter importer,
    SimilarRecommendations similar,
    IAntiforgery antiforgery,
    TimeProvider clock
) : Controller
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    private static readonly EvidenceOptions OneSmallFile = new()
    {
        MaxFileBytes = MaxFileBytes,
        MaxFilesPerUpload = 1,
        MaxExpandedBytes = 50 * 1024 * 1024,
    };
    private static readonly EvidenceInspector Inspector = new(OneSmallFile);

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View("Index", await IndexPageAsync(cancellationToken));

    [HttpGet("template.csv")]
    public IActionResult CsvTemplate() =>
        File(
            System
                .Text.Encoding.UTF8.GetPreamble()
                .Concat(System.Text.Encoding.UTF8.GetBytes(string.Join(",", ImportFile.Columns) + "\r\n"))
                .ToArray(),
            "text/csv; charset=utf-8",
            "recommendations-import-template.csv"
        );

    [HttpGet("template.xlsx")]
    public async Task<IActionResult> ExcelTemplate(CancellationToken cancellationToken)
    {
        using var table = new System.Data.DataTable("Recommendations");
        foreach (var column in ImportFile.Columns)
        {
            table.Columns.Add(column, typeof(string));
        }

        var buffer = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(buffer, table, cancellationToken: cancellationToken);
        return File(
            buffer.ToArray(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "recommendations-import-template.xlsx"
        );
    }

    [HttpPost("")]
    [IgnoreAntiforgeryToken]
    [DisableFormBinding]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RequestLimits.Upload)]
    public async Task<IActionResult> Upload(CancellationToken cancellationToken)
    {
        StreamedUpload upload;
        try
        {
            upload = await StreamedUpload.ReadAsync(HttpContext, antiforgery, OneSmallFile);
        }
        catch (Exception exception) when (exception is BadHttpRequestException or InvalidDataException or IOException)
        {
            return BadRequest();
        }

        await using (upload)
        {
            var file = upload.Files.SingleOrDefault();
            var problem = upload.Problem ?? (file is null ? "Choose a CSV or Excel file to import" : Check(file));
            byte[]? content = null;
            if (problem is null)
            {
                content = await ReadAllAsync(file!, cancellationToken);
                problem = ImportFile.Read(file!.FileName, content) is ImportFileResult.Unreadable unreadable ? unreadable.Problem : null;
            }

            if (problem is not null)
            {
                ModelState.AddModelError("Files", problem);
                return View("Index", await IndexPageAsync(cancellationToken));
            }

            var batch = new ImportBatch
            {
                FileName = file!.FileName,
                Content = content!,
                Sha256 = file.Sha256,
                UploadedByUserId = CurrentUser.From(User)!.Id,
                UploadedAt = clock.GetUtcNow(),
            };
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(cancellationToken);
            return Redirect(Links.ImportBatch(batch.Id));
        }
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Batch(Guid id, CancellationToken cancellationToken)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        return batch is null
            ? NotFound()
            : await PageAsync(batch, await importer.PlanAsync(Rows(batch), cancellationToken), cancellationToken);
    }

    [HttpPost("{id:guid}/apply")]
    public async Task<IActionResult> Apply(Guid id, CancellationToken cancellationToken)
    {
        // All rows and the batch's "applied" mark in one transaction holding the batch's row: a second click waits for the
        // first and then finds the file already imported.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM import_batches WHERE id = {id} FOR UPDATE", cancellationToken);
        var batch = await db.ImportBatches.SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return NotFound();
        }

        if (batch.AppliedAt is not null)
        {
            TempData["Success"] = "This file was already imported; nothing changed.";
            return Redirect(Links.ImportBatch(id));
        }

        var plan = await importer.ApplyAsync(Rows(batch), cancellationToken);
        if (!plan.CanApply)
        {
            ModelState.AddModelError("", "Nothing was imported: the file has problems now. Correct them and upload it again.");
            return await PageAsync(batch, plan, cancellationToken);
        }

        batch.AppliedAt = clock.GetUtcNow();
        batch.Created = plan.Count(ImportOutcome.Create);
        batch.Updated = plan.Count(ImportOutcome.Update);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        TempData["Success"] = $"Imported: {batch.Created} added, {batch.Updated} updated, {plan.Count(ImportOutcome.Unchanged)} unchanged.";
        return Redirect(Links.ImportBatch(id));
    }

    private static IReadOnlyList<ImportRow> Rows(ImportBatch batch) =>
        ImportFile.Read(batch.FileName, batch.Content) is ImportFileResult.Read read ? read.Rows : [];

    private static ImportBatchSummary Summary(ImportBatch b) => new(b.Id, b.FileName, b.UploadedAt, b.AppliedAt, b.Created, b.Updated);

    private static string? Check(UploadedFile file)
    {
        var extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension is not (".csv" or ".xlsx"))
        {
            return $"The file {file.FileName} must be a CSV (.csv) or Excel workbook (.xlsx). Download the template to start from";
        }

        file.Content.Position = 0;
        if (Inspector.Inspect(file.FileName, file.Content) is not Inspection.Refused refused)
        {
            return null;
        }

        // The inspector's advice lists every evidence type; an import takes only two.
        var cut = refused.Message.IndexOf(". Upload a", StringComparison.Ordinal);
        return (cut < 0 ? refused.Message : refused.Message[..cut]) + ". Upload a CSV file saved as UTF-8, or an Excel workbook (.xlsx)";
    }

    private static async Task<byte[]> ReadAllAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        file.Content.Position = 0;
        using var buffer = new MemoryStream();
        await file.Content.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private async Task<ImportIndexPage> IndexPageAsync(CancellationToken cancellationToken) =>
        new(
            await db
                .ImportBatches.AsNoTracking()
                .OrderByDescending(b => b.UploadedAt)
                .Take(10)
                .Select(b => new ImportBatchSummary(b.Id, b.FileName, b.UploadedAt, b.AppliedAt, b.Created, b.Updated))
                .ToListAsync(cancellationToken)
        );

    /// <summary>The batch page; each row adding a recommendation lists existing ones with similar titles, so repeats are caught.</summary>
    private async Task<ViewResult> PageAsync(ImportBatch batch, ImportPlan plan, CancellationToken cancellationToken)
    {
        var adding = batch.AppliedAt is null ? plan.Rows.Where(r => r.Outcome == ImportOutcome.Create).ToList() : [];
        var found = await similar.FindForEachAsync(
            adding.Select(r => r.Title).ToList(),
            CurrentUser.From(User)!.Reader,
            cancellationToken: cancellationToken
        );
        return View(
            "Batch",
            new ImportBatchPage(
                Summary(batch),
                plan,
                adding.Zip(found).Where(p => p.Second.Count > 0).ToDictionary(p => p.First.Row, p => p.Second)
            )
        );
    }
}
