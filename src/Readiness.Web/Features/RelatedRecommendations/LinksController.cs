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

namespace Readiness.Web.Features.RelatedRecommendations;

public sealed class LinkForm
{
    public LinkKind? Kind { get; set; }

    [Required(ErrorMessage = "Enter the reference of the other recommendation")]
    [FitsColumn(typeof(Recommendation), nameof(Recommendation.Reference), "The reference")]
    public string? Reference { get; set; }

    /// <summary>The other recommendation's review code, needed only when two reviews use the same reference.</summary>
    [FitsColumn(typeof(Core.Reviews.Review), nameof(Core.Reviews.Review.Code), "The review")]
    public string? Review { get; set; }
}

public sealed record LinkPage(
    Guid Id,
    string Reference,
    string Title,
    bool AcrossReviews,
    LinkForm Form,
    IReadOnlyList<Choice> Reviews,
    IReadOnlyList<SimilarRecommendation> Suggestions
);

/// <summary>
/// Links between recommendations: dependencies (the owning agency or the programme office) and, across reviews, repeats,
/// builds on and replaces (the programme office, helped by suggestions of similar titles).
/// </summary>
[Route("recommendations/{id:guid}")]
public sealed class LinksController(ReadinessDbContext db, RecommendationGate gate, SimilarRecommendations similar, TimeProvider clock)
    : Controller
{
    [HttpGet("dependencies/new")]
    public Task<IActionResult> NewDependency(Guid id, CancellationToken cancellationToken) =>
        ShowAsync(id, acrossReviews: false, new LinkForm { Kind = LinkKind.DependsOn }, cancellationToken);

    [HttpGet("links/new")]
    public Task<IActionResult> NewCrossReviewLink(Guid id, CancellationToken cancellationToken) =>
        ShowAsync(id, acrossReviews: true, new LinkForm(), cancellationToken);

    [HttpPost("dependencies/new")]
    public Task<IActionResult> AddDependency(Guid id, LinkForm form, CancellationToken cancellationToken) =>
        AddAsync(id, acrossReviews: false, form, cancellationToken);

    [HttpPost("links/new")]
    public Task<IActionResult> AddCrossReviewLink(Guid id, LinkForm form, CancellationToken cancellationToken) =>
        AddAsync(id, acrossReviews: true, form, cancellationToken);

    [HttpPost("links/{linkId:guid}/remove")]
    public async Task<IActionResult> Remove(Guid id, Guid linkId, CancellationToken cancellationToken)
    {
        var link = await db
            .RecommendationLinks.Where(l => l.Id == linkId && (l.RecommendationId == id || l.OtherRecommendationId == id))
            .SingleOrDefaultAsync(cancellationToken);
        if (link is null)
        {
            return NotFound();
        }

        var opened = await gate.OpenAsync(this, id, RecommendationLink.ActionToChange(link.Kind), cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        db.RecommendationLinks.Remove(link);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = "Link removed.";
        return Redirect(Links.Recommendation(id));
    }

    private static RecommendationAction ActionFor(bool acrossReviews) =>
        RecommendationLink.ActionToChange(acrossReviews ? LinkKind.Repeats : LinkKind.DependsOn);

    private async Task<IActionResult> ShowAsync(Guid id, bool acrossReviews, LinkForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, ActionFor(acrossReviews), cancellationToken);
        return opened.Refusal ?? await PageAsync(opened.Open, acrossReviews, form, cancellationToken);
    }

    private async Task<IActionResult> AddAsync(Guid id, bool acrossReviews, LinkForm form, CancellationToken cancellationToken)
    {
        var opened = await gate.OpenAsync(this, id, ActionFor(acrossReviews), cancellationToken);
        if (opened.Refusal is { } refusal)
        {
            return refusal;
        }

        var recommendation = opened.Open;
        if (!acrossReviews)
        {
            form.Kind = LinkKind.DependsOn;
        }
        else if (form.Kind is not { } kind || !RecommendationLink.AcrossReviews.Contains(kind))
        {
            ModelState.AddModelError(nameof(LinkForm.Kind), "Select how this recommendation relates to the other");
        }

        var other = ModelState.IsValid ? await FindOtherAsync(recommendation, form, cancellationToken) : null;
        if (other is null)
        {
            return await PageAsync(recommendation, acrossReviews, form, cancellationToken);
        }

        db.RecommendationLinks.Add(
            new RecommendationLink
            {
                RecommendationId = id,
                OtherRecommendationId = other.Value,
                Kind = form.Kind!.Value,
                CreatedByUserId = CurrentUser.From(User)!.Id,
                CreatedAt = clock.GetUtcNow(),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = acrossReviews ? "Link added." : "Dependency added.";
        return Redirect(Links.Recommendation(id));
    }

    /// <summary>The other recommendation's id, or null with a message on the form saying what to fix.</summary>
    private async Task<Guid?> FindOtherAsync(Recommendation recommendation, LinkForm form, CancellationToken cancellationToken)
    {
        var reference = form.Reference!.Trim();
        var review = string.IsNullOrWhiteSpace(form.Review) ? null : form.Review;
        var matches = await db
            .Recommendations.Where(r => r.Reference == reference && (review == null || r.Review!.Code == review))
            .Select(r => r.Id)
            .Take(2)
            .ToListAsync(cancellationToken);
        var problem = matches.Count switch
        {
            0 => review is null
                ? $"No recommendation has the reference {reference}. Check the reference"
                : $"No recommendation in that review has the reference {reference}. Check the reference and the review",
            > 1 => $"More than one review has a recommendation {reference}. Select its review",
            _ when matches[0] == recommendation.Id => "A recommendation cannot be linked to itself. Enter another reference",
            _ when await AlreadyLinkedAsync(recommendation.Id, matches[0], cancellationToken) =>
                $"This recommendation is already linked to {reference}. Remove that link first to change it",
            _ => null,
        };
        if (problem is not null)
        {
            ModelState.AddModelError(matches.Count > 1 ? nameof(LinkForm.Review) : nameof(LinkForm.Reference), problem);
            return null;
        }

        return matches[0];
    }

    private Task<bool> AlreadyLinkedAsync(Guid one, Guid other, CancellationToken cancellationToken) =>
        db.RecommendationLinks.AnyAsync(
            l =>
                (l.RecommendationId == one && l.OtherRecommendationId == other)
                || (l.RecommendationId == other && l.OtherRecommendationId == one),
            cancellationToken
        );

    private async Task<ViewResult> PageAsync(Recommendation r, bool acrossReviews, LinkForm form, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "recommendations";
        var reviews = await RegisterOptions.ReviewChoicesAsync(db, cancellationToken);
        var suggestions = acrossReviews
            ? await similar.FindAsync(r.Title, CurrentUser.From(User)!.Reader, r.Id, cancellationToken: cancellationToken)
            : [];
        return View(
            "NewLink",
            new LinkPage(r.Id, r.Reference, r.Title, acrossReviews, form, [new("", "Any review"), .. reviews], suggestions)
        );
    }
}
