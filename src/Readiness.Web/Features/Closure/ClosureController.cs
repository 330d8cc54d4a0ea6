using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Features.Validation;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Closure;

/// <summary>A step's reason; closing also asks how the change was validated (<see cref="ValidationFields"/>).</summary>
public sealed class StepForm : ValidationFields
{
    [FitsColumn(typeof(ClosureRecord), nameof(ClosureRecord.Reason), "The reason")]
    public string? Reason { get; set; }

    public uint Version { get; set; }
}

public sealed record StepPage(
    Guid Id,
    string Reference,
    string Title,
    string Slug,
    string Heading,
    string Explanation,
    string Button,
    bool ReasonRequired,
    StepForm Form
)
{
    public bool AsksForValidation => Slug == "close";
}

/// <summary>
/// The steps that end or restart delivery: an owner proposes closure; the programme office closes, reopens or marks superseded.
/// </summary>
public sealed class ClosureController(ReadinessDbContext db, RecommendationGate gate, RecommendationClosure closure, TimeProvider clock)
    : Controller
{
    private sealed record Step(
        RecommendationAction Action,
        DeliveryStatus To,
        string Heading,
        string Explanation,
        string Button,
        bool ReasonRequired,
        string Done,
        ClosureDecision? Decision = null
    );

    private static readonly Dictionary<string, Step> Steps = new(StringComparer.Ordinal)
    {
        ["propose-closure"] = new(
            RecommendationAction.ProposeClosure,
            DeliveryStatus.ClosureProposed,
            "Propose closure",
            "You are telling the programme office that this recommendation has been delivered. They will check the evidence and close "
                + "it, or send it back.",
            "Propose closure",
            false,
            "Closure proposed."
        ),
        ["close"] = new(
            RecommendationAction.Close,
            DeliveryStatus.Complete,
            "Close this recommendation",
            "Closing records that the recommendation has been delivered, on the strength of the accepted evidence.",
            "Close recommendation",
            false,
            "Recommendation closed.",
            ClosureDecision.Closed
        ),
        ["reopen"] = new(
            RecommendationAction.Reopen,
            DeliveryStatus.InProgress,
            "Reopen this recommendation",
            "Reopening puts the recommendation back in progress. Say why, so the owner and the board know.",
            "Reopen recommendation",
            true,
            "Recommendation reopened.",
            ClosureDecision.Reopened
        ),
        ["supersede"] = new(
            RecommendationAction.MarkSuperseded,
            DeliveryStatus.Superseded,
            "Mark as superseded",
            "A superseded recommendation is no longer tracked, usually because a later review replaced it. Say what replaced it.",
            "Mark superseded",
            true,
            "Recommendation marked superseded.",
            ClosureDecision.Superseded
        ),
    };

    [HttpGet("/recommendations/{id:guid}/{step:regex(^(propose-closure|close|reopen|supersede)$)}")]
    public async Task<IActionResult> Confirm(Guid id, string step, CancellationToken cancellationToken)
    {
        var definition = Steps[step];
        var opened = await gate.OpenAsync(this, id, definition.Action, cancellationToken);
        return opened.Refusal ?? View(Page(opened.Open, step, new StepForm { Version = opened.Open.Version }));
    }

    [HttpPost("/recommendations/{id:guid}/{step:regex(^(propose-closure|close|reopen|supersede)$)}")]
    public async Task<IActionResult> Confirm(Guid id, string step, StepForm form, CancellationToken cancellationToken)
    {
        var definition = Steps[step];
        var opened = await gate.OpenAsync(this, id, definition.Action, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var r = opened.Open;
        if (definition.ReasonRequired && string.IsNullOrWhiteSpace(form.Reason))
        {
            ModelState.AddModelError(nameof(StepForm.Reason), "Enter the reason");
        }

        var validation = definition.Decision == ClosureDecision.Closed ? form.Check(ModelState, clock.Today()) : null;
        if (!ModelState.IsValid)
        {
            return View(Page(r, step, form));
        }

        db.Entry(r).Property(x => x.Version).OriginalValue = form.Version;
        validation?.Invoke(r);
        await closure.TakeStepAsync(
            r,
            definition.To,
            definition.Decision,
            form.Reason,
            CurrentUser.From(User)!.Id,
            clock.GetUtcNow(),
            cancellationToken
        );
        if (!await ModelState.TrySaveAsync(db, nameof(StepForm.Reason), cancellationToken))
        {
            var current = await db.Recommendations.AsNoTracking().SingleAsync(x => x.Id == id, cancellationToken);
            form.Version = current.Version;
            return View(Page(current, step, form));
        }

        TempData["Success"] = definition.Done;
        return Redirect(Links.Recommendation(id));
    }

    private static StepPage Page(Recommendation r, string step, StepForm form)
    {
        var d = Steps[step];
        return new StepPage(r.Id, r.Reference, r.Title, step, d.Heading, d.Explanation, d.Button, d.ReasonRequired, form);
    }
}
