using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Blockers;

public sealed class BlockerForm
{
    [Required(ErrorMessage = "Select what is blocking this recommendation")]
    public BlockerKind? Kind { get; set; }

    [Required(ErrorMessage = "Enter a note saying what is needed to move it on")]
    [FitsColumn(typeof(Recommendation), nameof(Recommendation.BlockerNote), "The note")]
    public string? Note { get; set; }

    public uint Version { get; set; }
}

public sealed record BlockerPage(Guid Id, string Reference, string Title, bool IsBlocked, BlockerForm Form);

/// <summary>Marks a recommendation "not progressing" with what blocks it, or clears that when it moves again.</summary>
[Route("recommendations/{id:guid}/blocker")]
public sealed class BlockerController(ReadinessDbContext db, RecommendationGate gate, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RecordBlocker, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var r = opened.Open;
        return Page(
            r,
            new BlockerForm
            {
                Kind = r.Blocker,
                Note = r.BlockerNote,
                Version = r.Version,
            }
        );
    }

    [HttpPost("")]
    public async Task<IActionResult> Edit(Guid id, BlockerForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RecordBlocker, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        if (!ModelState.IsValid)
        {
            return Page(recommendation, form);
        }

        var change = (Recommendation r) => r.Block(form.Kind!.Value, form.Note!, clock.Today());
        if (
            await ModelState.TryChangeAsync(db, recommendation, form.Version, change, nameof(BlockerForm.Kind), cancellationToken) is
            { } current
        )
        {
            form.Version = current.Version;
            return Page(current, form);
        }

        TempData["Success"] = "Recorded as not progressing.";
        return Redirect(Links.Recommendation(id));
    }

    [HttpPost("remove")]
    public async Task<IActionResult> Remove(Guid id, uint version, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RecordBlocker, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        db.Entry(recommendation).Property(r => r.Version).OriginalValue = version;
        recommendation.Unblock();
        if (!await db.TrySaveAsync(cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            var conflict = new BlockedViewModel(id, recommendation.Reference, ConcurrencyMessage.NothingSaved);
            return View("~/Features/Recommendations/Blocked.cshtml", conflict);
        }

        TempData["Success"] = "Recorded as progressing again.";
        return Redirect(Links.Recommendation(id));
    }

    private ViewResult Page(Recommendation r, BlockerForm form)
    {
        ViewData["Section"] = "recommendations";
        return View("Blocker", new BlockerPage(r.Id, r.Reference, r.Title, r.Blocker is not null, form));
    }
}
