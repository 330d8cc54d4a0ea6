using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Admin.RecommendationsAdmin;

public sealed class RecommendationForm
{
    [Required(ErrorMessage = "Select the review")]
    public Guid? ReviewId { get; set; }

    public Guid? ThemeId { get; set; }

    [Required(ErrorMessage = "Enter the reference")]
    [RegularExpression(
        "^[A-Za-z0-9./-]+$",
        ErrorMessage = "The reference must be letters, numbers, dots, slashes or hyphens, like 2022-014"
    )]
    [FitsColumn(typeof(Recommendation), nameof(Recommendation.Reference), "The reference")]
    public string? Reference { get; set; }

    [Required(ErrorMessage = "Enter the title")]
    [FitsColumn(typeof(Recommendation), nameof(Recommendation.Title), "The title")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Enter the text of the recommendation")]
    [FitsColumn(typeof(Recommendation), nameof(Recommendation.Text), "The text")]
    public string? Text { get; set; }

    [Required(ErrorMessage = "Select the lead agency")]
    public Guid? LeadAgencyId { get; set; }

    public List<Guid> SupportingAgencyIds { get; set; } = [];

    public Guid? OwnerUserId { get; set; }

    [Required(ErrorMessage = "Select the priority")]
    public Priority? Priority { get; set; } = Core.Recommendations.Priority.Medium;

    public bool IsMonitored { get; set; }

    public bool IsPublishable { get; set; }

    [Required(ErrorMessage = "Select the protective marking")]
    public ProtectiveMarking? Marking { get; set; } = ProtectiveMarking.Official;

    public uint Version { get; set; }

    /// <summary>The person has been shown the existing recommendations with similar titles and chose to add it anyway.</summary>
    public bool SimilarChecked { get; set; }
}

public sealed record RecommendationFormPage(
    Guid? Id,
    RecommendationForm Form,
    IReadOnlyList<Choice> Reviews,
    IReadOnlyList<Choice> Themes,
    IReadOnlyList<Choice> Agencies,
    IReadOnlyList<Choice> Owners,
    IReadOnlyList<SimilarRecommendation> Similar
);

[Authorize(Policy = Policies.ProgrammeOffice)]
[Route("admin/recommendations")]
public sealed class RecommendationsAdminController(ReadinessDbContext db, SimilarRecommendations similar) : Controller
{
    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        await PageAsync(null, new RecommendationForm(), cancellationToken);

    [HttpPost("new")]
    public async Task<IActionResult> New(RecommendationForm form, CancellationToken cancellationToken)
    {
        await ValidateAsync(null, form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return await PageAsync(null, form, cancellationToken);
        }

        if (!form.SimilarChecked)
        {
            var like = await similar.FindAsync(form.Title!, CurrentUser.From(User)!.Reader, cancellationToken: cancellationToken);
            if (like.Count > 0)
            {
                form.SimilarChecked = true;
                return await PageAsync(null, form, cancellationToken, like);
            }
        }

        var recommendation = new Recommendation
        {
            Reference = "",
            Title = "",
            Text = "",
        };
        Details(form).ApplyTo(recommendation);
        db.Recommendations.Add(recommendation);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = $"Recommendation {recommendation.Reference} added.";
        return Redirect(Links.Recommendation(recommendation.Id));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var r = await db
            .Recommendations.AsNoTracking()
            .Include(x => x.SupportingAgencies)
            .SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (r is null)
        {
            return NotFound();
        }

        var form = new RecommendationForm
        {
            ReviewId = r.ReviewId,
            ThemeId = r.ThemeId,
            Reference = r.Reference,
            Title = r.Title,
            Text = r.Text,
            LeadAgencyId = r.LeadAgencyId,
            SupportingAgencyIds = r.SupportingAgencies.Select(s => s.AgencyId).ToList(),
            OwnerUserId = r.OwnerUserId,
            Priority = r.Priority,
            IsMonitored = r.IsMonitored,
            IsPublishable = r.IsPublishable,
            Marking = r.Marking,
            Version = r.Version,
        };
        return await PageAsync(id, form, cancellationToken);
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, RecommendationForm form, CancellationToken cancellationToken)
    {
        var r = await db.Recommendations.Include(x => x.SupportingAgencies).SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (r is null)
        {
            return NotFound();
        }

        await ValidateAsync(id, form, cancellationToken);
        if (ModelState.IsValid)
        {
            db.Entry(r).Property(x => x.Version).OriginalValue = form.Version;
            Details(form).ApplyTo(r);
            if (await ModelState.TrySaveAsync(db, nameof(RecommendationForm.Title), cancellationToken))
            {
                TempData["Success"] = "Recommendation saved.";
                return Redirect(Links.Recommendation(id));
            }
            else
            {
                form.Version = await db.Recommendations.Where(x => x.Id == id).Select(x => x.Version).SingleAsync(cancellationToken);
            }
        }

        return await PageAsync(id, form, cancellationToken);
    }

    private static RecommendationDetails Details(RecommendationForm form) =>
        new(
            form.ReviewId!.Value,
            form.Reference!.Trim(),
            form.ThemeId,
            form.Title!.Trim(),
            form.Text!.Trim(),
            form.LeadAgencyId!.Value,
            form.SupportingAgencyIds,
            form.Priority!.Value,
            form.IsMonitored,
            form.Marking!.Value,
            form.IsPublishable,
            SetsOwner: true,
            OwnerUserId: form.OwnerUserId
        );

    private async Task ValidateAsync(Guid? id, RecommendationForm form, CancellationToken cancellationToken)
    {
        if (RecommendationDetails.BreaksPublishing(form.IsPublishable, form.Marking))
        {
            ModelState.AddModelError(
                nameof(RecommendationForm.IsPublishable),
                $"{RecommendationDetails.PublishingRuleMessage}: untick Publishable or choose OFFICIAL"
            );
        }

        if (form.ReviewId is { } review && !await db.Reviews.AnyAsync(x => x.Id == review, cancellationToken))
        {
            ModelState.AddModelError(nameof(RecommendationForm.ReviewId), "Select a review from the list");
        }

        if (form.ThemeId is { } theme && !await db.Themes.AnyAsync(t => t.Id == theme && t.ReviewId == form.ReviewId, cancellationToken))
        {
            ModelState.AddModelError(nameof(RecommendationForm.ThemeId), "Select a theme of the chosen review");
        }

        var reference = form.Reference?.Trim();
        if (
            reference is not null
            && form.ReviewId is { } r
            && await db.Recommendations.AnyAsync(x => x.ReviewId == r && x.Reference == reference && x.Id != id, cancellationToken)
        )
        {
            ModelState.AddModelError(nameof(RecommendationForm.Reference), $"This review already has a recommendation {reference}");
        }

        var agencies = form.SupportingAgencyIds.Append(form.LeadAgencyId ?? Guid.Empty).Where(a => a != Guid.Empty).Distinct().ToList();
        if (await db.Agencies.CountAsync(a => agencies.Contains(a.Id), cancellationToken) != agencies.Count)
        {
            ModelState.AddModelError(nameof(RecommendationForm.LeadAgencyId), "Select agencies from the list");
        }

        if (form.OwnerUserId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner && u.IsActive, cancellationToken))
        {
            ModelState.AddModelError(nameof(RecommendationForm.OwnerUserId), "Select an owner from the list");
        }
    }

    private async Task<IActionResult> PageAsync(
        Guid? id,
        RecommendationForm form,
        CancellationToken cancellationToken,
        IReadOnlyList<SimilarRecommendation>? similarTitles = null
    )
    {
        var reviews = await db
            .Reviews.AsNoTracking()
            .OrderBy(r => r.PublishedOn)
            .Select(r => new Choice(r.Id.ToString(), r.Title, null))
            .ToListAsync(cancellationToken);
        var themes = await db
            .Themes.AsNoTracking()
            .OrderBy(t => t.Review!.PublishedOn)
            .ThenBy(t => t.Name)
            .Select(t => new Choice(t.Id.ToString(), t.Review!.Code + ": " + t.Name, null))
            .ToListAsync(cancellationToken);
        var agencies = await db
            .Agencies.AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new Choice(a.Id.ToString(), a.Name, null))
            .ToListAsync(cancellationToken);
        var owners = await db
            .Users.AsNoTracking()
            .Where(u => u.IsActive && (u.Role == Role.AgencyLead || u.Role == Role.AgencyContributor || u.Role == Role.ProgrammeOffice))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id.ToString(), u.DisplayName, null))
            .ToListAsync(cancellationToken);
        return View(
            "Edit",
            new RecommendationFormPage(
                id,
                form,
                [new("", "Select a review"), .. reviews],
                [new("", "No theme"), .. themes],
                agencies,
                [new("", "Not assigned"), .. owners],
                similarTitles ?? []
            )
        );
    }
}
