using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Evidence;

public sealed class DecisionForm
{
    [Required(ErrorMessage = "Select accept or send back")]
    public EvidenceDecisionKind? Decision { get; set; }

    public SendBackReason? Reason { get; set; }

    [FitsColumn(typeof(EvidenceDecision), nameof(EvidenceDecision.Comment), "The comment")]
    public string? Comment { get; set; }

    public uint Version { get; set; }
}

public sealed record QueueRow(
    Guid Id,
    string Title,
    Guid RecommendationId,
    string Reference,
    string LeadAgency,
    DateTimeOffset SubmittedAt,
    int Versions,
    int SentBackCount
);

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Page, int PageCount, int Total);

/// <summary>
/// The programme office's assurance of evidence: a queue of what awaits review, and accepting or sending back with reasons.
/// </summary>
public sealed class AssuranceController(ReadinessDbContext db, RecommendationGate gate, TimeProvider clock) : Controller
{
    private const int PageSize = 25;

    [Authorize(Policy = Policies.ProgrammeOffice)]
    [HttpGet("/evidence/review")]
    public async Task<IActionResult> Queue(int page = 1, CancellationToken cancellationToken = default)
    {
        ViewData["Section"] = "evidence";
        var waiting = db.EvidenceItems.AsNoTracking().Where(e => e.Status == EvidenceStatus.AwaitingReview);
        var found = await Pagination.ReadPageAsync(
            waiting
                .OrderBy(e => e.SubmittedAt)
                .Select(e => new QueueRow(
                    e.Id,
                    e.Title,
                    e.RecommendationId,
                    e.Recommendation!.Reference,
                    e.Recommendation.LeadAgency!.Name,
                    e.SubmittedAt,
                    e.FileVersions.Count,
                    e.SentBackCount
                )),
            page,
            PageSize,
            cancellationToken
        );
        return View(new QueuePage(found.Items, found.Page, found.PageCount, found.Total));
    }

    [HttpPost("/evidence/{itemId:guid}/decision")]
    public async Task<IActionResult> Decide(Guid itemId, DecisionForm form, CancellationToken cancellationToken)
    {
        var item = await db.EvidenceItems.Include(e => e.FileVersions).SingleOrDefaultAsync(e => e.Id == itemId, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var opened = await gate.OpenAsync(this, item.RecommendationId, RecommendationAction.ReviewEvidence, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        if (item.Status != EvidenceStatus.AwaitingReview)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(
                "~/Features/Recommendations/Blocked.cshtml",
                new BlockedViewModel(
                    item.RecommendationId,
                    opened.Open.Reference,
                    "This evidence has already been reviewed. The owner can upload a new version for another review."
                )
            );
        }

        if (item.SelfApproval(CurrentUser.From(User)!.Id) is { } selfApproval)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View(
                "~/Features/Recommendations/Blocked.cshtml",
                new BlockedViewModel(item.RecommendationId, opened.Open.Reference, selfApproval)
            );
        }

        if (form.Decision == EvidenceDecisionKind.SentBack && form.Reason is null)
        {
            ModelState.AddModelError(nameof(DecisionForm.Reason), "Select why you are sending it back");
        }

        if (form.Reason == SendBackReason.Other && string.IsNullOrWhiteSpace(form.Comment))
        {
            ModelState.AddModelError(nameof(DecisionForm.Comment), "Enter a comment that says what is wrong");
        }

        if (ModelState.IsValid)
        {
            db.Entry(item).Property(e => e.Version).OriginalValue = form.Version;
            item.Decide(form.Decision!.Value, form.Reason, form.Comment, CurrentUser.From(User)!.Id, clock.GetUtcNow());
            if (await ModelState.TrySaveAsync(db, nameof(DecisionForm.Decision), cancellationToken))
            {
                TempData["Success"] = item.Status == EvidenceStatus.Accepted ? "Evidence accepted." : "Evidence sent back to the owner.";
                return Redirect(Links.Evidence(itemId));
            }
        }

        ViewData["DecisionForm"] = form;
        var page = await db
            .EvidenceItems.AsNoTracking()
            .AsSplitQuery()
            .Include(e => e.FileVersions.OrderByDescending(v => v.VersionNumber))
            .Include(e => e.Decisions)
                .ThenInclude(d => d.DecidedBy)
            .Include(e => e.Milestone)
            .Include(e => e.SubmittedBy)
            .SingleAsync(e => e.Id == itemId, cancellationToken);
        return View(
            "~/Features/Evidence/Item.cshtml",
            new EvidenceItemPage(page, opened.Open.Reference, opened.Open.Title, false, true, null)
        );
    }
}
