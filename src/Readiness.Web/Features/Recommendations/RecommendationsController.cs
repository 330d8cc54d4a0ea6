using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Recommendations;

[Route("recommendations")]
public sealed class RecommendationsController(ReadinessDbContext db, IAuthorizationService authorization, TimeProvider clock) : Controller
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken cancellationToken = default)
    {
        var total = await db.Recommendations.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        page = Math.Clamp(page, 1, pageCount);
        var rows = await db.Recommendations.AsNoTracking()
            .OrderBy(r => r.Review!.PublishedOn).ThenBy(r => r.Reference)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(r => new RegisterRow(r.Id, r.Reference, r.Title, r.LeadAgency!.Name, r.DeliveryStatus, r.Rag, r.CurrentTargetDate))
            .ToListAsync(cancellationToken);
        ViewData["Section"] = "recommendations";
        return View(new RegisterViewModel(rows, page, pageCount, total));
    }

    [HttpGet("{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken cancellationToken)
    {
        var recommendation = await db.Recommendations.AsNoTracking().AsSplitQuery()
            .Include(r => r.Review).Include(r => r.Theme).Include(r => r.LeadAgency).Include(r => r.Owner)
            .Include(r => r.SupportingAgencies).ThenInclude(s => s.Agency)
            .Include(r => r.Milestones.OrderBy(m => m.CurrentDueDate)).ThenInclude(m => m.DeliveringAgency)
            .Include(r => r.ProgressUpdates.OrderByDescending(p => p.PostedAt)).ThenInclude(p => p.Author)
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (recommendation is null)
        {
            return NotFound();
        }

        var canChange = (await authorization.AuthorizeAsync(User, Ownership(recommendation), Operations.ChangeRecommendation)).Succeeded;
        ViewData["Section"] = "recommendations";
        return View(new DetailsViewModel(recommendation, clock.Today(), canChange));
    }

    [HttpGet("{id:guid}/response")]
    public async Task<IActionResult> RecordResponse(Guid id, CancellationToken cancellationToken)
    {
        var recommendation = await db.Recommendations.AsNoTracking().Include(r => r.SupportingAgencies).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (recommendation is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, Ownership(recommendation), Operations.ChangeRecommendation)).Succeeded)
        {
            return Forbid();
        }

        var form = new ResponseForm
        {
            Response = recommendation.Response == ResponseStatus.Pending ? null : recommendation.Response,
            Rationale = recommendation.ResponseRationale,
            Version = recommendation.Version,
        };
        return View(new ResponsePage(recommendation.Id, recommendation.Reference, recommendation.Title, form, null));
    }

    [HttpPost("{id:guid}/response")]
    public async Task<IActionResult> RecordResponse(Guid id, ResponseForm form, CancellationToken cancellationToken)
    {
        var recommendation = await db.Recommendations.Include(r => r.SupportingAgencies).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (recommendation is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, Ownership(recommendation), Operations.ChangeRecommendation)).Succeeded)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return View(new ResponsePage(recommendation.Id, recommendation.Reference, recommendation.Title, form, null));
        }

        db.Entry(recommendation).Property(r => r.Version).OriginalValue = form.Version;
        recommendation.Response = form.Response!.Value;
        recommendation.ResponseRationale = string.IsNullOrWhiteSpace(form.Rationale) ? null : form.Rationale.Trim();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.Recommendations.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
            ModelState.AddModelError(nameof(ResponseForm.Response),
                $"Someone else changed this response while you were editing it. It is now \"{Vocabulary.Describe(current.Response)}\". Your answer is still below: check it and save again.");
            form.Version = current.Version;
            return View(new ResponsePage(current.Id, current.Reference, current.Title, form, current.ResponseRationale));
        }

        TempData["Success"] = "Response recorded.";
        return RedirectToAction(nameof(Details), new { id });
    }

    private static RecommendationOwnership Ownership(Recommendation recommendation) =>
        new(recommendation.LeadAgencyId, recommendation.SupportingAgencies.Select(s => s.AgencyId).ToList());
}
