using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.ProgressUpdates;

public sealed class UpdateForm : IValidatableObject
{
    [Required(ErrorMessage = "Enter what has happened since the last update")]
    [FitsColumn(typeof(ProgressUpdate), nameof(ProgressUpdate.Narrative), "The update")]
    public string? Narrative { get; set; }

    [Required(ErrorMessage = "Select the delivery status")]
    public DeliveryStatus? Status { get; set; }

    [Required(ErrorMessage = "Select the RAG rating")]
    public Rag? Rag { get; set; }

    [FitsColumn(typeof(ProgressUpdate), nameof(ProgressUpdate.RagReason), "The reason")]
    public string? RagReason { get; set; }

    public uint Version { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Status is { } status && !RecommendationWorkflow.UpdateStatuses.Contains(status))
        {
            yield return new ValidationResult("Select not started or in progress; closing is a separate step", [nameof(Status)]);
        }

        if (string.IsNullOrWhiteSpace(RagReason))
        {
            yield return new ValidationResult("Enter the reason for the RAG rating", [nameof(RagReason)]);
        }
    }
}

public sealed record UpdatePage(Guid Id, string Reference, string Title, UpdateForm Form, bool Conflict);

public sealed class ProgressUpdatesController(ReadinessDbContext db, RecommendationGate gate, TimeProvider clock) : Controller
{
    [HttpGet("/recommendations/{id:guid}/updates/new")]
    public async Task<IActionResult> New(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.PostUpdate, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var r = opened.Open;
        var form = new UpdateForm
        {
            Status = r.DeliveryStatus == DeliveryStatus.NotStarted ? DeliveryStatus.NotStarted : DeliveryStatus.InProgress,
            Rag = r.Rag,
            Version = r.Version,
        };
        return View(new UpdatePage(r.Id, r.Reference, r.Title, form, false));
    }

    [HttpPost("/recommendations/{id:guid}/updates/new")]
    public async Task<IActionResult> New(Guid id, UpdateForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.PostUpdate, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var r = opened.Open;
        if (!ModelState.IsValid)
        {
            return View(new UpdatePage(r.Id, r.Reference, r.Title, form, false));
        }

        db.Entry(r).Property(x => x.Version).OriginalValue = form.Version;
        r.PostUpdate(
            form.Narrative!,
            form.Status!.Value,
            form.Rag!.Value,
            form.RagReason!,
            CurrentUser.From(User)!.Id,
            clock.GetUtcNow(),
            clock.Today()
        );
        if (!await ModelState.TrySaveAsync(db, nameof(UpdateForm.Narrative), cancellationToken))
        {
            form.Version = await db.Recommendations.Where(x => x.Id == id).Select(x => x.Version).SingleAsync(cancellationToken);
            return View(new UpdatePage(r.Id, r.Reference, r.Title, form, true));
        }

        TempData["Success"] = "Progress update posted.";
        return Redirect(Links.Recommendation(id));
    }
}
