using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Evidence;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Milestones;

public sealed record CompletionPage(Milestone Milestone, string Reference, DateOnly Today, EvidenceOptions Limits);

/// <summary>
/// Completes a milestone in one step, today, with an optional piece of evidence attached to it: both are saved together
/// or neither is.
/// </summary>
public sealed class CompletionController(
    ReadinessDbContext db,
    RecommendationGate gate,
    IAntiforgery antiforgery,
    EvidenceInspector inspector,
    EvidenceRecorder recorder,
    IOptions<EvidenceOptions> options,
    TimeProvider clock
) : Controller
{
    private const string AlreadyComplete = "This milestone is already complete.";

    [HttpGet("/milestones/{milestoneId:guid}/complete")]
    public async Task<IActionResult> Complete(Guid milestoneId, CancellationToken cancellationToken)
    {
        var milestone = await db.Milestones.AsNoTracking().SingleOrDefaultAsync(m => m.Id == milestoneId, cancellationToken);
        if (milestone is null)
        {
            return NotFound();
        }

        var opened = await gate.OpenAsync(this, milestone.RecommendationId, RecommendationAction.PlanMilestones, cancellationToken);
        return opened.Refusal ?? (milestone.CompletedOn is null ? Page(milestone, opened.Open) : Blocked(opened.Open, AlreadyComplete));
    }

    [HttpPost("/milestones/{milestoneId:guid}/complete")]
    [IgnoreAntiforgeryToken]
    [DisableFormBinding]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RequestLimits.Upload)]
    public async Task<IActionResult> CompleteUpload(Guid milestoneId, CancellationToken cancellationToken)
    {
        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId, cancellationToken);
        if (milestone is null)
        {
            return NotFound();
        }

        var opened = await gate.OpenAsync(this, milestone.RecommendationId, RecommendationAction.PlanMilestones, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        await using var upload = await EvidenceUploads.ReadAsync(HttpContext, antiforgery, options.Value);
        if (upload is null)
        {
            return BadRequest();
        }

        if (upload.Problem is { } problem)
        {
            ModelState.AddModelError("Files", problem);
        }

        var files = EvidenceUploads.Check(inspector, upload, ModelState);
        if (!ModelState.IsValid)
        {
            return Page(milestone, opened.Open);
        }

        db.Entry(milestone).Property(m => m.Version).OriginalValue = uint.TryParse(upload.Field("Version"), out var seen) ? seen : 0;
        if (milestone.CompletedOn is not null)
        {
            return Blocked(opened.Open, AlreadyComplete);
        }

        milestone.CompletedOn = clock.Today();
        try
        {
            await SaveAsync(milestone, files, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Blocked(opened.Open, ConcurrencyMessage.NothingSaved);
        }

        TempData["Success"] =
            files.Count == 0 ? "Milestone completed." : "Milestone completed. The programme office will review the evidence.";
        return Redirect(Links.Recommendation(milestone.RecommendationId));
    }

    /// <summary>The completion alone, or the completion and its evidence in the evidence recorder's one transaction.</summary>
    private async Task SaveAsync(Milestone milestone, List<CheckedFile> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var title = $"Completion of {milestone.Title}";
        await recorder.AddAsync(
            new EvidenceDetails(
                milestone.RecommendationId,
                milestone.Id,
                title.Length > 400 ? title[..400] : title,
                null,
                clock.Today(),
                null
            ),
            files,
            CurrentUser.From(User)!.Id,
            cancellationToken
        );
    }

    private ViewResult Page(Milestone milestone, Recommendation recommendation) =>
        View("Complete", new CompletionPage(milestone, recommendation.Reference, clock.Today(), options.Value));

    private ViewResult Blocked(Recommendation recommendation, string why)
    {
        Response.StatusCode = StatusCodes.Status409Conflict;
        return View("~/Features/Recommendations/Blocked.cshtml", new BlockedViewModel(recommendation.Id, recommendation.Reference, why));
    }
}
