using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Account;

public sealed class CoverForm
{
    public Guid? DeputyUserId { get; set; }

    public DateParts StartsOn { get; set; } = new();

    public DateParts EndsOn { get; set; } = new();
}

public sealed record CoverRow(Guid Id, string Deputy, DateOnly StartsOn, DateOnly EndsOn, bool InForce);

public sealed record CoverPage(
    bool IsLead,
    IReadOnlyList<CoverRow> Cover,
    IReadOnlyList<Choice> Deputies,
    IReadOnlyList<(string Lead, DateOnly EndsOn)> Covering,
    CoverForm Form
);

/// <summary>
/// A lead names a deputy from their agency for a date range: the deputy receives the lead's reminders in that range,
/// and what they do on the lead's recommendations is recorded as done for the lead.
/// </summary>
public sealed class CoverController(ReadinessDbContext db, TimeProvider clock) : Controller
{
    [HttpGet(Links.Cover)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        CurrentUser.From(User) is { WorksForAnAgency: true } user
            ? View("Cover", await PageAsync(user, new CoverForm(), cancellationToken))
            : Forbid();

    [HttpPost(Links.Cover)]
    public async Task<IActionResult> Index(CoverForm form, CancellationToken cancellationToken)
    {
        if (CurrentUser.From(User) is not { Role: Role.AgencyLead } user)
        {
            return Forbid();
        }

        var deputy = await db
            .Users.AsNoTracking()
            .Where(Cover.MayDeputiseFor(user.Id, user.AgencyId))
            .SingleOrDefaultAsync(u => u.Id == form.DeputyUserId, cancellationToken);
        if (deputy is null)
        {
            ModelState.AddModelError(nameof(CoverForm.DeputyUserId), "Select a lead or contributor from your agency");
        }

        var (startsOn, startError) = form.StartsOn.Parse("First day of cover", required: true);
        var (endsOn, endError) = form.EndsOn.Parse("Last day of cover", required: true);
        AddError(nameof(CoverForm.StartsOn), startError);
        AddError(
            nameof(CoverForm.EndsOn),
            endError ?? (startsOn is { } s && endsOn is { } e ? Cover.CheckDates(s, e, clock.Today()) : null)
        );
        if (
            ModelState.IsValid
            && await db.Covers.AnyAsync(c => c.LeadUserId == user.Id && c.StartsOn <= endsOn && startsOn <= c.EndsOn, cancellationToken)
        )
        {
            ModelState.AddModelError(nameof(CoverForm.StartsOn), "You already have cover for some of these days. Remove it first");
        }

        if (!ModelState.IsValid)
        {
            return View("Cover", await PageAsync(user, form, cancellationToken));
        }

        db.Covers.Add(
            new Cover
            {
                LeadUserId = user.Id,
                DeputyUserId = deputy!.Id,
                StartsOn = startsOn!.Value,
                EndsOn = endsOn!.Value,
                CreatedAt = clock.GetUtcNow(),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] =
            $"{deputy.DisplayName} covers for you from {StatusTag.DateText(startsOn.Value)} to {StatusTag.DateText(endsOn.Value)}.";
        return Redirect(Links.Cover);
    }

    [HttpPost("/account/cover/{id:guid}/remove")]
    public async Task<IActionResult> Remove(Guid id, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(User)!;
        var cover = await db.Covers.SingleOrDefaultAsync(c => c.Id == id && c.LeadUserId == user.Id, cancellationToken);
        if (cover is null)
        {
            return NotFound();
        }

        db.Covers.Remove(cover);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = "Cover removed.";
        return Redirect(Links.Cover);
    }

    private void AddError(string field, string? error)
    {
        if (error is not null)
        {
            ModelState.AddModelError(field, error);
        }
    }

    private async Task<CoverPage> PageAsync(CurrentUser user, CoverForm form, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var cover = await db
            .Covers.AsNoTracking()
            .Where(c => c.LeadUserId == user.Id && c.EndsOn >= today)
            .OrderBy(c => c.StartsOn)
            .Select(c => new CoverRow(c.Id, c.Deputy!.DisplayName, c.StartsOn, c.EndsOn, c.StartsOn <= today))
            .ToListAsync(cancellationToken);
        var deputies = await db
            .Users.AsNoTracking()
            .Where(Cover.MayDeputiseFor(user.Id, user.AgencyId))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id.ToString(), u.DisplayName, null))
            .ToListAsync(cancellationToken);
        var covering = (
            await db
                .Covers.AsNoTracking()
                .Where(c => c.DeputyUserId == user.Id && c.EndsOn >= today && c.StartsOn <= today)
                .Select(c => new { c.Lead!.DisplayName, c.EndsOn })
                .ToListAsync(cancellationToken)
        )
            .Select(c => (c.DisplayName, c.EndsOn))
            .ToList();
        return new CoverPage(user.Role == Role.AgencyLead, cover, [new("", "Select a person"), .. deputies], covering, form);
    }
}
