using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Milestones;

public sealed class MilestonesController(ReadinessDbContext db, RecommendationGate gate, TimeProvider clock) : Controller
{
    [HttpGet("/recommendations/{id:guid}/milestones/new")]
    public async Task<IActionResult> New(Guid id, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.PlanMilestones, cancellationToken);
        return opened.Refusal
            ?? await PageAsync(
                opened.Open,
                null,
                new MilestoneForm { DeliveringAgencyId = opened.Open.LeadAgencyId },
                null,
                cancellationToken
            );
    }

    [HttpPost("/recommendations/{id:guid}/milestones/new")]
    public async Task<IActionResult> New(Guid id, MilestoneForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, RecommendationAction.PlanMilestones, cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        var details = await ValidateAsync(recommendation, form, cancellationToken);
        if (details is null)
        {
            return await PageAsync(recommendation, null, form, null, cancellationToken);
        }

        db.Milestones.Add(details.Plan(recommendation.Id));
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = "Milestone added.";
        return Redirect(Links.Recommendation(id));
    }

    [HttpGet("/milestones/{milestoneId:guid}/edit")]
    public async Task<IActionResult> Edit(Guid milestoneId, CancellationToken cancellationToken)
    {
        var milestone = await db.Milestones.AsNoTracking().SingleOrDefaultAsync(m => m.Id == milestoneId, cancellationToken);
        if (milestone is null)
        {
            return NotFound();
        }

        var opened = await gate.OpenAsync(this, milestone.RecommendationId, RecommendationAction.PlanMilestones, cancellationToken);
        return opened.Refusal ?? await PageAsync(opened.Open, milestone.Id, FormFor(milestone), null, cancellationToken);
    }

    [HttpPost("/milestones/{milestoneId:guid}/edit")]
    public async Task<IActionResult> Edit(Guid milestoneId, MilestoneForm form, CancellationToken cancellationToken)
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

        var details = await ValidateAsync(opened.Open, form, cancellationToken);
        if (details is null)
        {
            return await PageAsync(opened.Open, milestoneId, form, null, cancellationToken);
        }

        db.Entry(milestone).Property(m => m.Version).OriginalValue = form.Version;
        details.ApplyTo(milestone);
        if (!await ModelState.TrySaveAsync(db, nameof(MilestoneForm.Title), cancellationToken))
        {
            var theirs = await db.Milestones.AsNoTracking().Include(m => m.Owner).SingleAsync(m => m.Id == milestoneId, cancellationToken);
            form.Version = theirs.Version;
            var summary =
                $"{theirs.Title}, due {StatusTag.DateText(theirs.CurrentDueDate)}, "
                + $"{(theirs.CompletedOn is { } done ? $"completed {StatusTag.DateText(done)}" : "open")}, owner "
                + $"{theirs.Owner?.DisplayName ?? "not assigned"}";
            return await PageAsync(opened.Open, milestoneId, form, summary, cancellationToken);
        }

        TempData["Success"] = "Milestone saved.";
        return Redirect(Links.Recommendation(milestone.RecommendationId));
    }

    private static MilestoneForm FormFor(Milestone milestone) =>
        new()
        {
            Title = milestone.Title,
            DeliveringAgencyId = milestone.DeliveringAgencyId,
            OwnerUserId = milestone.OwnerUserId,
            DueDate = DateParts.From(milestone.CurrentDueDate),
            Completed = milestone.CompletedOn is not null,
            CompletedOn = DateParts.From(milestone.CompletedOn),
            Version = milestone.Version,
        };

    /// <summary>The milestone the form describes, or null with every problem in the model state.</summary>
    private async Task<MilestoneDetails?> ValidateAsync(
        Recommendation recommendation,
        MilestoneForm form,
        CancellationToken cancellationToken
    )
    {
        var (due, dueError) = form.DueDate.Parse("Due date", required: true);
        if (dueError is not null)
        {
            ModelState.AddModelError(nameof(MilestoneForm.DueDate), dueError);
        }

        DateOnly? completed = null;
        if (form.Completed)
        {
            var (date, error) = form.CompletedOn.Parse("Completion date", required: true);
            if (error is null && !MilestoneDetails.CompletedInTime(date, clock.Today()))
            {
                error = MilestoneDetails.CompletionRule;
            }

            if (error is not null)
            {
                ModelState.AddModelError(nameof(MilestoneForm.CompletedOn), error);
            }

            completed = date;
        }

        if (form.DeliveringAgencyId is { } agency && !MilestoneDetails.MayDeliver(RecommendationOwnership.Of(recommendation), agency))
        {
            ModelState.AddModelError(nameof(MilestoneForm.DeliveringAgencyId), MilestoneDetails.AgencyRule);
        }

        if (
            form.OwnerUserId is { } owner
            && (
                form.DeliveringAgencyId is not { } delivering
                || !await db.Users.Where(u => u.Id == owner).AnyAsync(MilestoneDetails.MayOwn(delivering), cancellationToken)
            )
        )
        {
            ModelState.AddModelError(nameof(MilestoneForm.OwnerUserId), MilestoneDetails.OwnerRule);
        }

        return ModelState.IsValid
            ? new MilestoneDetails(form.Title!, form.DeliveringAgencyId!.Value, form.OwnerUserId, due!.Value, completed)
            : null;
    }

    private static List<Guid> AgencyIds(Recommendation recommendation) =>
        [recommendation.LeadAgencyId, .. recommendation.SupportingAgencies.Select(s => s.AgencyId)];

    private async Task<IActionResult> PageAsync(
        Recommendation recommendation,
        Guid? milestoneId,
        MilestoneForm form,
        string? theirVersion,
        CancellationToken cancellationToken
    )
    {
        var agencyIds = AgencyIds(recommendation);
        var agencies = await db
            .Agencies.AsNoTracking()
            .Where(a => agencyIds.Contains(a.Id))
            .OrderBy(a => a.Name)
            .Select(a => new Choice(a.Id.ToString(), a.Name, null))
            .ToListAsync(cancellationToken);
        var owners = await db
            .Users.AsNoTracking()
            .Where(u =>
                u.IsActive
                && u.AgencyId != null
                && agencyIds.Contains(u.AgencyId.Value)
                && (u.Role == Role.AgencyLead || u.Role == Role.AgencyContributor)
            )
            .OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id.ToString(), u.DisplayName + " (" + u.Agency!.Name + ")", null))
            .ToListAsync(cancellationToken);
        return View(
            "Edit",
            new MilestonePage(
                recommendation.Id,
                recommendation.Reference,
                milestoneId,
                form,
                agencies,
                [new("", "Not assigned"), .. owners],
                theirVersion
            )
        );
    }
}
