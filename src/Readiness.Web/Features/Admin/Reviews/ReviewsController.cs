using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Reviews;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Admin.Reviews;

public sealed class ReviewForm
{
    [Required(ErrorMessage = "Enter the review's short code")]
    [RegularExpression("^[A-Za-z0-9-]{2,}$", ErrorMessage = "The code must be at least 2 letters, numbers or hyphens, like LPR2022")]
    [FitsColumn(typeof(Review), nameof(Review.Code), "The code")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Enter the review's title")]
    [FitsColumn(typeof(Review), nameof(Review.Title), "The title")]
    public string? Title { get; set; }

    public DateParts PublishedOn { get; set; } = new();

    public DateParts ResponsesDueOn { get; set; } = new();

    [FitsColumn(typeof(Review), nameof(Review.Description), "The description")]
    public string? Description { get; set; }

    public uint Version { get; set; }
}

public sealed class ThemeForm
{
    [Required(ErrorMessage = "Enter the theme's name")]
    [FitsColumn(typeof(Theme), nameof(Theme.Name), "The name")]
    public string? Name { get; set; }
}

public sealed record ReviewRow(Guid Id, string Code, string Title, DateOnly PublishedOn, int Themes, int Recommendations);

public sealed record ThemeRow(Guid Id, string Name, int Recommendations);

public sealed record ReviewPage(Guid? Id, ReviewForm Form, IReadOnlyList<ThemeRow> Themes, ThemeForm ThemeForm);

[Authorize(Policy = Policies.ProgrammeOffice)]
[Route("admin/reviews")]
public sealed class ReviewsController(ReadinessDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "admin";
        return View(
            await db
                .Reviews.AsNoTracking()
                .OrderBy(r => r.PublishedOn)
                .Select(r => new ReviewRow(
                    r.Id,
                    r.Code,
                    r.Title,
                    r.PublishedOn,
                    r.Themes.Count,
                    db.Recommendations.Count(x => x.ReviewId == r.Id)
                ))
                .ToListAsync(cancellationToken)
        );
    }

    [HttpGet("new")]
    public IActionResult New() => View("Edit", new ReviewPage(null, new ReviewForm(), [], new ThemeForm()));

    [HttpPost("new")]
    public async Task<IActionResult> New(ReviewForm form, CancellationToken cancellationToken)
    {
        var (published, responsesDue) = await ValidateAsync(null, form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Edit", new ReviewPage(null, form, [], new ThemeForm()));
        }

        var review = new Review
        {
            Code = form.Code!.Trim().ToUpperInvariant(),
            Title = form.Title!.Trim(),
            PublishedOn = published!.Value,
            ResponsesDueOn = responsesDue,
            Description = form.Description?.Trim(),
        };
        db.Reviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = "Review added. Add its themes below.";
        return Redirect(Links.EditReview(review.Id));
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }

        return View(new ReviewPage(id, FormFor(review), await ThemesAsync(id, cancellationToken), new ThemeForm()));
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, ReviewForm form, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }

        var (published, responsesDue) = await ValidateAsync(id, form, cancellationToken);
        if (ModelState.IsValid)
        {
            db.Entry(review).Property(r => r.Version).OriginalValue = form.Version;
            review.Code = form.Code!.Trim().ToUpperInvariant();
            review.Title = form.Title!.Trim();
            review.PublishedOn = published!.Value;
            review.ResponsesDueOn = responsesDue;
            review.Description = form.Description?.Trim();
            if (await ModelState.TrySaveAsync(db, nameof(ReviewForm.Title), cancellationToken))
            {
                TempData["Success"] = "Review saved.";
                return Redirect(Links.Reviews);
            }
            else
            {
                form.Version = await db.Reviews.Where(r => r.Id == id).Select(r => r.Version).SingleAsync(cancellationToken);
            }
        }

        return View(new ReviewPage(id, form, await ThemesAsync(id, cancellationToken), new ThemeForm()));
    }

    [HttpPost("{id:guid}/themes")]
    public async Task<IActionResult> AddTheme(Guid id, ThemeForm themeForm, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return NotFound();
        }

        var name = themeForm.Name?.Trim();
        if (name is not null && await db.Themes.AnyAsync(t => t.ReviewId == id && t.Name == name, cancellationToken))
        {
            ModelState.AddModelError(nameof(ThemeForm.Name), $"This review already has a theme called {name}");
        }

        if (!ModelState.IsValid)
        {
            return View("Edit", new ReviewPage(id, FormFor(review), await ThemesAsync(id, cancellationToken), themeForm));
        }

        db.Themes.Add(new Theme { ReviewId = id, Name = name! });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = $"Theme {name} added.";
        return Redirect(Links.EditReview(id));
    }

    private Task<List<ThemeRow>> ThemesAsync(Guid reviewId, CancellationToken cancellationToken) =>
        db
            .Themes.AsNoTracking()
            .Where(t => t.ReviewId == reviewId)
            .OrderBy(t => t.Name)
            .Select(t => new ThemeRow(t.Id, t.Name, db.Recommendations.Count(r => r.ThemeId == t.Id)))
            .ToListAsync(cancellationToken);

    private static ReviewForm FormFor(Review review) =>
        new()
        {
            Code = review.Code,
            Title = review.Title,
            PublishedOn = DateParts.From(review.PublishedOn),
            ResponsesDueOn = DateParts.From(review.ResponsesDueOn),
            Description = review.Description,
            Version = review.Version,
        };

    private async Task<(DateOnly? Published, DateOnly? ResponsesDue)> ValidateAsync(
        Guid? id,
        ReviewForm form,
        CancellationToken cancellationToken
    )
    {
        var (published, error) = form.PublishedOn.Parse("Publication date", required: true);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(ReviewForm.PublishedOn), error);
        }

        var (responsesDue, dueError) = form.ResponsesDueOn.Parse("Responses due date", required: false);
        if ((dueError ?? (responsesDue < published ? "Responses due date must be on or after the publication date" : null)) is { } why)
        {
            ModelState.AddModelError(nameof(ReviewForm.ResponsesDueOn), why);
        }

        var code = form.Code?.Trim().ToUpperInvariant();
        if (code is not null && await db.Reviews.AnyAsync(r => r.Code == code && r.Id != id, cancellationToken))
        {
            ModelState.AddModelError(nameof(ReviewForm.Code), $"Another review already has the code {code}");
        }

        return (published, responsesDue);
    }
}
