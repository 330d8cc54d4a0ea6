using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Assurance;

public sealed class AssuredRagForm
{
    [Required(ErrorMessage = "Select the assured RAG")]
    public Rag? Rag { get; set; }

    [Required(ErrorMessage = "Enter the reason for the assured RAG")]
    [FitsColumn(typeof(Recommendation), nameof(Recommendation.AssuredRagReason), "The reason")]
    public string? Reason { get; set; }

    public uint Version { get; set; }
}

public sealed record AssuredRagPage(Guid Id, string Reference, string Title, Rag? OwnerRag, string? OwnerReason, AssuredRagForm Form);

/// <summary>The programme office's own RAG for a recommendation, beside the owning agency's; it may be set at any time.</summary>
[Route("recommendations/{id:guid}/assured-rag")]
public sealed class AssuredRagController(ReadinessDbContext db, Recommendations.RecommendationGate gate, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.AssureRag, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var r = opened.Open;
        return Page(
            r,
            new AssuredRagForm
            {
                Rag = r.AssuredRag,
                Reason = r.AssuredRagReason,
                Version = r.Version,
            }
        );
    }

    [HttpPost("")]
    public async Task<IActionResult> Edit(Guid id, AssuredRagForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.AssureRag, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        if (!ModelState.IsValid)
        {
            return Page(recommendation, form);
        }

        var by = CurrentUser.From(User)!.Id;
        var change = (Recommendation r) => r.Assure(form.Rag!.Value, form.Reason!, by, clock.GetUtcNow());
        if (
            await ModelState.TryChangeAsync(db, recommendation, form.Version, change, nameof(AssuredRagForm.Rag), cancellationToken) is
            { } current
        )
        {
            form.Version = current.Version;
            return Page(current, form);
        }

        TempData["Success"] = "Assured RAG saved.";
        return Redirect(Core.Links.Recommendation(id));
    }

    private ViewResult Page(Recommendation r, AssuredRagForm form)
    {
        ViewData["Section"] = "recommendations";
        return View("AssuredRag", new AssuredRagPage(r.Id, r.Reference, r.Title, r.Rag, r.RagReason, form));
    }
}
