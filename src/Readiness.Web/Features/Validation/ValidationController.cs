using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Validation;

public sealed class ValidationForm : ValidationFields
{
    public uint Version { get; set; }
}

public sealed record ValidationPage(Guid Id, string Reference, string Title, ValidationForm Form);

/// <summary>Records, after closure, how a delivered recommendation was shown to work (or moves the date it will be).</summary>
[Route("recommendations/{id:guid}/validation")]
public sealed class ValidationController(ReadinessDbContext db, RecommendationGate gate, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RecordValidation, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var form = new ValidationForm { Version = opened.Open.Version };
        form.Fill(opened.Open);
        return Page(opened.Open, form);
    }

    [HttpPost("")]
    public async Task<IActionResult> Edit(Guid id, ValidationForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RecordValidation, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        var apply = form.Check(ModelState, clock.Today());
        if (apply is null || !ModelState.IsValid)
        {
            return Page(recommendation, form);
        }

        if (
            await ModelState.TryChangeAsync(
                db,
                recommendation,
                form.Version,
                apply,
                nameof(ValidationForm.Validation),
                cancellationToken
            ) is
            { } current
        )
        {
            form.Version = current.Version;
            return Page(current, form);
        }

        TempData["Success"] = recommendation.ValidatedOn is null ? "Validation date saved." : "Validation recorded.";
        return Redirect(Links.Recommendation(id));
    }

    private ViewResult Page(Recommendation r, ValidationForm form)
    {
        ViewData["Section"] = "recommendations";
        return View("Validation", new ValidationPage(r.Id, r.Reference, r.Title, form));
    }
}
