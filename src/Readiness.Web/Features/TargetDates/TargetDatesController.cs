using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.TargetDates;

public sealed class TargetDateForm
{
    public DateParts NewDate { get; set; } = new();

    [FitsColumn(typeof(TargetDateChangeRequest), nameof(TargetDateChangeRequest.Reason), "The reason")]
    public string? Reason { get; set; }

    public uint Version { get; set; }
}

public sealed class DecisionForm
{
    [Required(ErrorMessage = "Select approve or refuse")]
    public TargetDateRequestState? Decision { get; set; }

    [FitsColumn(typeof(TargetDateChangeRequest), nameof(TargetDateChangeRequest.DecisionReason), "The reason")]
    public string? Reason { get; set; }

    public uint Version { get; set; }
}

public sealed record TargetDatePage(Guid Id, string Reference, string Title, DateOnly? Current, DateOnly? Original, TargetDateForm Form);

public sealed record PendingRequest(
    Guid Id,
    Guid RecommendationId,
    string Reference,
    string Title,
    string LeadAgency,
    DateOnly? PreviousDate,
    DateOnly RequestedDate,
    string Reason,
    string? RequestedBy,
    DateTimeOffset RequestedAt
);

public sealed record DecisionPage(PendingRequest Request, DecisionForm Form);

public sealed class TargetDatesController(ReadinessDbContext db, RecommendationGate gate, TimeProvider clock) : Controller
{
    [HttpGet("/recommendations/{id:guid}/target-date")]
    public async Task<IActionResult> RequestChange(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RequestTargetDate, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var r = opened.Open;
        return View(
            new TargetDatePage(
                r.Id,
                r.Reference,
                r.Title,
                r.CurrentTargetDate,
                r.OriginalTargetDate,
                new TargetDateForm { Version = r.Version }
            )
        );
    }

    [HttpPost("/recommendations/{id:guid}/target-date")]
    public async Task<IActionResult> RequestChange(Guid id, TargetDateForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.RequestTargetDate, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var r = opened.Open;
        var (date, error) = form.NewDate.Parse(r.CurrentTargetDate is null ? "Target date" : "New target date", required: true);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(TargetDateForm.NewDate), error);
        }
        else if (date == r.CurrentTargetDate)
        {
            ModelState.AddModelError(nameof(TargetDateForm.NewDate), "New target date must be different from the current one");
        }

        if (r.CurrentTargetDate is not null && string.IsNullOrWhiteSpace(form.Reason))
        {
            ModelState.AddModelError(nameof(TargetDateForm.Reason), "Enter the reason the target date needs to change");
        }

        if (!ModelState.IsValid)
        {
            return View(new TargetDatePage(r.Id, r.Reference, r.Title, r.CurrentTargetDate, r.OriginalTargetDate, form));
        }

        db.Entry(r).Property(x => x.Version).OriginalValue = form.Version;
        var request = r.SetOrRequestTargetDate(date!.Value, form.Reason, CurrentUser.From(User)!.Id, clock.GetUtcNow());
        // A request changes only its own row; marking the recommendation modified makes a concurrent edit of it conflict.
        db.Entry(r).State = EntityState.Modified;
        TempData["Success"] = request is null ? "Target date set." : "Request sent to the programme office.";

        if (!await ModelState.TrySaveAsync(db, nameof(TargetDateForm.NewDate), cancellationToken))
        {
            var current = await db.Recommendations.AsNoTracking().SingleAsync(x => x.Id == id, cancellationToken);
            form.Version = current.Version;
            TempData.Remove("Success");
            return View(
                new TargetDatePage(
                    current.Id,
                    current.Reference,
                    current.Title,
                    current.CurrentTargetDate,
                    current.OriginalTargetDate,
                    form
                )
            );
        }

        return Redirect(Links.Recommendation(id));
    }

    [Authorize(Policy = Policies.ProgrammeOffice)]
    [HttpGet("/target-date-requests")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "decisions";
        return View(await Pending().ToListAsync(cancellationToken));
    }

    [Authorize(Policy = Policies.ProgrammeOffice)]
    [HttpGet("/target-date-requests/{requestId:guid}")]
    public async Task<IActionResult> Decide(Guid requestId, CancellationToken cancellationToken)
    {
        var request = await Pending(requestId).SingleOrDefaultAsync(cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        var version = await db.TargetDateRequests.Where(t => t.Id == requestId).Select(t => t.Version).SingleAsync(cancellationToken);
        return View(new DecisionPage(request, new DecisionForm { Version = version }));
    }

    [Authorize(Policy = Policies.ProgrammeOffice)]
    [HttpPost("/target-date-requests/{requestId:guid}")]
    public async Task<IActionResult> Decide(Guid requestId, DecisionForm form, CancellationToken cancellationToken)
    {
        var request = await db.TargetDateRequests.SingleOrDefaultAsync(
            t => t.Id == requestId && t.State == TargetDateRequestState.Pending,
            cancellationToken
        );
        if (request is null)
        {
            return NotFound();
        }

        var opened = await gate.OpenAsync(this, request.RecommendationId, RecommendationAction.DecideTargetDate, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        if (form.Decision == TargetDateRequestState.Pending)
        {
            ModelState.AddModelError(nameof(DecisionForm.Decision), "Select approve or refuse");
        }

        if (form.Decision == TargetDateRequestState.Refused && string.IsNullOrWhiteSpace(form.Reason))
        {
            ModelState.AddModelError(nameof(DecisionForm.Reason), "Enter the reason for refusing, so the owner knows what to do next");
        }

        if (!ModelState.IsValid)
        {
            return View(new DecisionPage(await Pending(requestId).SingleAsync(cancellationToken), form));
        }

        db.Entry(request).Property(t => t.Version).OriginalValue = form.Version;
        request.Decide(form.Decision!.Value, form.Reason, opened.Open, CurrentUser.From(User)!.Id, clock.GetUtcNow());

        if (!await db.TrySaveAsync(cancellationToken))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(
                "~/Features/Recommendations/Blocked.cshtml",
                new BlockedViewModel(request.RecommendationId, opened.Open.Reference, ConcurrencyMessage.NothingSaved)
            );
        }

        TempData["Success"] =
            request.State == TargetDateRequestState.Approved ? "Target date change approved." : "Target date change refused.";
        return Redirect(Links.Recommendation(request.RecommendationId));
    }

    private IQueryable<PendingRequest> Pending(Guid? id = null) =>
        db
            .TargetDateRequests.AsNoTracking()
            .Where(t => t.State == TargetDateRequestState.Pending && (id == null || t.Id == id))
            .OrderBy(t => t.RequestedAt)
            .Select(t => new PendingRequest(
                t.Id,
                t.RecommendationId,
                t.Recommendation!.Reference,
                t.Recommendation.Title,
                t.Recommendation.LeadAgency!.Name,
                t.PreviousDate,
                t.RequestedDate,
                t.Reason,
                t.RequestedBy == null ? null : t.RequestedBy.DisplayName,
                t.RequestedAt
            ));
}
