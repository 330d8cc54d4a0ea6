using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Evidence;

public sealed class EvidenceController(
    ReadinessDbContext db,
    RecommendationGate gate,
    IAntiforgery antiforgery,
    EvidenceInspector inspector,
    EvidenceRecorder recorder,
    IEvidenceStore store,
    IOptions<EvidenceOptions> options,
    TimeProvider clock
) : Controller
{
    [HttpGet("/recommendations/{id:guid}/evidence/new")]
    public async Task<IActionResult> New(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.AddEvidence, cancellationToken);
        return opened.Refusal ?? await PageAsync(opened.Open, new EvidenceForm(), cancellationToken);
    }

    [HttpPost("/recommendations/{id:guid}/evidence/new")]
    [IgnoreAntiforgeryToken]
    [DisableFormBinding]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RequestLimits.Upload)]
    public async Task<IActionResult> Upload(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.AddEvidence, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        await using var upload = await EvidenceUploads.ReadAsync(HttpContext, antiforgery, options.Value);
        if (upload is null)
        {
            return BadRequest();
        }

        var form = EvidenceForm.From(upload);
        var (date, expires) = await ValidateAsync(recommendation.Id, form, upload, cancellationToken);
        var files = EvidenceUploads.Check(inspector, upload, ModelState);
        if (!ModelState.IsValid)
        {
            return await PageAsync(recommendation, form, cancellationToken);
        }

        var items = await recorder.AddAsync(
            new EvidenceDetails(recommendation.Id, form.MilestoneId, form.Title!, form.Description, date!.Value, form.LinkUrl, expires),
            files,
            CurrentUser.From(User)!.Id,
            cancellationToken
        );
        TempData["Success"] =
            items.Count == 1
                ? "Evidence added. The programme office will review it."
                : $"{items.Count} evidence items added. The programme office will review them.";
        return Redirect(Links.Recommendation(id));
    }

    [HttpGet("/evidence/{itemId:guid}")]
    public async Task<IActionResult> Item(Guid itemId, CancellationToken cancellationToken)
    {
        var (item, recommendation) = await LoadAsync(itemId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!RecommendationGate.CanSeeEvidence(User, recommendation!))
        {
            return Forbid();
        }

        ViewData[Shared.Markings.ViewDataKey] = recommendation!.Marking;
        var available = await gate.AvailableAsync(User, recommendation!, cancellationToken);
        var mayReview = available.Contains(RecommendationAction.ReviewEvidence) && item.Status == EvidenceStatus.AwaitingReview;
        var selfApproval = mayReview ? item.SelfApproval(CurrentUser.From(User)!.Id) : null;
        return View(
            new EvidenceItemPage(
                item,
                recommendation!.Reference,
                recommendation.Title,
                available.Contains(RecommendationAction.AddEvidence),
                mayReview && selfApproval is null,
                selfApproval
            )
        );
    }

    [HttpGet("/evidence/{itemId:guid}/versions/{number:int}")]
    public async Task<IActionResult> Download(Guid itemId, int number, CancellationToken cancellationToken)
    {
        var version = await db
            .EvidenceFileVersions.AsNoTracking()
            .Include(v => v.EvidenceItem!)
                .ThenInclude(e => e.Recommendation!)
                    .ThenInclude(r => r.SupportingAgencies)
            .SingleOrDefaultAsync(v => v.EvidenceItemId == itemId && v.VersionNumber == number, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        if (!RecommendationGate.CanSeeEvidence(User, version.EvidenceItem!.Recommendation!))
        {
            return Forbid();
        }

        Response.StartAttachment(version.ContentType, version.FileName);
        Response.ContentLength = version.SizeBytes;
        Response.Headers.CacheControl = "private, no-store";
        return await store.CopyToAsync(version.Id, Response.Body, cancellationToken) ? new EmptyResult() : NotFound();
    }

    private const string ChangedWhileUploading =
        "Someone else changed this evidence while you were uploading, for example the programme office decided on it. Nothing "
        + "was saved: check the evidence and upload again if you still need to";

    [HttpGet("/evidence/{itemId:guid}/replace")]
    public async Task<IActionResult> Replace(Guid itemId, CancellationToken cancellationToken)
    {
        var (item, recommendation) = await LoadAsync(itemId, cancellationToken);
        if (item is null || item.FileVersions.Count == 0)
        {
            return NotFound();
        }

        var opened = await gate.OpenAsync(this, recommendation!.Id, RecommendationAction.AddEvidence, cancellationToken);
        return opened.Refusal ?? View(new ReplacePage(item, recommendation.Reference, options.Value));
    }

    [HttpPost("/evidence/{itemId:guid}/replace")]
    [IgnoreAntiforgeryToken]
    [DisableFormBinding]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RequestLimits.Upload)]
    public async Task<IActionResult> ReplaceUpload(Guid itemId, CancellationToken cancellationToken)
    {
        var (item, recommendation) = await LoadAsync(itemId, cancellationToken, tracked: true);
        if (item is null || item.FileVersions.Count == 0)
        {
            return NotFound();
        }

        var opened = await gate.OpenAsync(this, recommendation!.Id, RecommendationAction.AddEvidence, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        await using var upload = await EvidenceUploads.ReadAsync(HttpContext, antiforgery, options.Value);
        if (upload is null)
        {
            return BadRequest();
        }

        if (upload.Problem is null && upload.Files.Count != 1)
        {
            ModelState.AddModelError("Files", "Choose one file to replace the current one");
        }

        var files = EvidenceUploads.Check(inspector, upload, ModelState);
        if (!ModelState.IsValid)
        {
            return View("Replace", new ReplacePage(item, recommendation.Reference, options.Value));
        }

        // A decision taken since the page was opened must not be silently undone by the new version.
        db.Entry(item).Property(e => e.Version).OriginalValue = uint.TryParse(upload.Field("Version"), out var seen) ? seen : 0;
        try
        {
            await recorder.AddVersionAsync(item, files[0], CurrentUser.From(User)!.Id, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Files", ChangedWhileUploading);
            var (current, _) = await LoadAsync(itemId, cancellationToken);
            return View("Replace", new ReplacePage(current!, recommendation.Reference, options.Value));
        }

        TempData["Success"] = "New version uploaded. The programme office will review it.";
        return Redirect(Links.Evidence(itemId));
    }

    private async Task<(EvidenceItem? Item, Recommendation? Recommendation)> LoadAsync(
        Guid itemId,
        CancellationToken cancellationToken,
        bool tracked = false
    )
    {
        var query = db
            .EvidenceItems.Include(e => e.FileVersions.OrderByDescending(v => v.VersionNumber))
            .Include(e => e.Decisions.OrderByDescending(d => d.DecidedAt))
                .ThenInclude(d => d.DecidedBy)
            .Include(e => e.Milestone)
            .Include(e => e.SubmittedBy)
            .Include(e => e.Recommendation!)
                .ThenInclude(r => r.SupportingAgencies)
            .AsSplitQuery();
        var item = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(e => e.Id == itemId, cancellationToken);
        return (item, item?.Recommendation);
    }

    private async Task<(DateOnly? Date, DateOnly? Expires)> ValidateAsync(
        Guid recommendationId,
        EvidenceForm form,
        StreamedUpload upload,
        CancellationToken cancellationToken
    )
    {
        if (upload.Problem is { } problem)
        {
            ModelState.AddModelError("Files", problem);
        }

        if (form.Title is null)
        {
            ModelState.AddModelError(nameof(EvidenceForm.Title), "Enter a title for the evidence");
        }

        // The streamed form is not model-bound, so its attributes (column lengths) are checked here.
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            form,
            new(form, HttpContext.RequestServices, null),
            results,
            true
        );
        foreach (var result in results)
        {
            ModelState.AddModelError(result.MemberNames.FirstOrDefault() ?? "", result.ErrorMessage ?? "");
        }

        var (date, dateError) = form.EvidenceDate.Parse("Evidence date", required: true);
        if (dateError is null && date > clock.Today())
        {
            dateError = "Evidence date must be today or in the past";
        }

        if (dateError is not null)
        {
            ModelState.AddModelError(nameof(EvidenceForm.EvidenceDate), dateError);
        }

        var (expires, expiresError) = form.ExpiresOn.Parse("Expiry date", required: false);
        if (expiresError is null && expires <= (date ?? clock.Today()))
        {
            expiresError = "The expiry date must be after the evidence date";
        }

        if (expiresError is not null)
        {
            ModelState.AddModelError(nameof(EvidenceForm.ExpiresOn), expiresError);
        }

        if (
            form.MilestoneId is { } milestone
            && !await db.Milestones.AnyAsync(m => m.Id == milestone && m.RecommendationId == recommendationId, cancellationToken)
        )
        {
            ModelState.AddModelError(nameof(EvidenceForm.MilestoneId), "Select one of this recommendation's milestones");
        }

        if (form.LinkUrl is { } link && (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            ModelState.AddModelError(
                nameof(EvidenceForm.LinkUrl),
                "Enter a full web address starting https://, like https://www.example.org/report"
            );
        }

        if (upload.Problem is null && upload.Files.Count == 0 && form.LinkUrl is null)
        {
            ModelState.AddModelError("Files", "Choose a file to upload or enter a link to the evidence");
        }

        return (date, expires);
    }

    private async Task<IActionResult> PageAsync(Recommendation recommendation, EvidenceForm form, CancellationToken cancellationToken)
    {
        var milestones = await db
            .Milestones.AsNoTracking()
            .Where(m => m.RecommendationId == recommendation.Id)
            .OrderBy(m => m.CurrentDueDate)
            .Select(m => new Choice(m.Id.ToString(), m.Title, null))
            .ToListAsync(cancellationToken);
        return View(
            "New",
            new EvidencePage(
                recommendation.Id,
                recommendation.Reference,
                recommendation.Title,
                form,
                [new("", "Not tied to a milestone"), .. milestones],
                options.Value
            )
        );
    }
}
