using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Home;

[Route("")]
public sealed class HomeController(ReadinessDbContext db, TimeProvider clock) : Controller
{
    private const int ListLength = 20;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(User)!;
        var today = clock.Today();
        var agencyId = user.Role is Core.Users.Role.ProgrammeOffice or Core.Users.Role.Executive ? null : user.AgencyId;

        var recommendations = db.Recommendations.AsNoTracking();
        var milestones = db.Milestones.AsNoTracking();
        if (agencyId is { } id)
        {
            recommendations = recommendations.Where(r => r.LeadAgencyId == id || r.SupportingAgencies.Any(s => s.AgencyId == id));
            milestones = milestones.Where(m => m.DeliveringAgencyId == id);
        }

        var counts = await recommendations.GroupBy(r => r.DeliveryStatus)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var overdue = milestones.Where(m => m.CompletedOn == null && m.CurrentDueDate < today);
        var overdueList = await overdue.OrderBy(m => m.CurrentDueDate).Take(ListLength)
            .Select(m => new OverdueMilestone(m.RecommendationId, m.Recommendation!.Reference, m.Title, m.DeliveringAgency!.Name, m.CurrentDueDate, today.DayNumber - m.CurrentDueDate.DayNumber))
            .ToListAsync(cancellationToken);
        var ownRecommendations = agencyId is null
            ? []
            : await recommendations.Where(r => r.DeliveryStatus != DeliveryStatus.Complete && r.DeliveryStatus != DeliveryStatus.Superseded)
                .OrderBy(r => r.CurrentTargetDate ?? DateOnly.MaxValue).ThenBy(r => r.Reference).Take(ListLength)
                .Select(r => new RecommendationSummary(r.Id, r.Reference, r.Title, r.LeadAgencyId == agencyId, r.DeliveryStatus, r.Rag, r.CurrentTargetDate))
                .ToListAsync(cancellationToken);

        ViewData["Section"] = "home";
        return View(new HomeViewModel(user, today, counts, await overdue.CountAsync(cancellationToken), overdueList, ownRecommendations));
    }
}

public sealed record HomeViewModel(
    CurrentUser User,
    DateOnly Today,
    IReadOnlyDictionary<DeliveryStatus, int> CountsByStatus,
    int OverdueMilestoneCount,
    IReadOnlyList<OverdueMilestone> OverdueMilestones,
    IReadOnlyList<RecommendationSummary> OpenRecommendations)
{
    public int Count(DeliveryStatus status) => CountsByStatus.GetValueOrDefault(status);

    public int Total => CountsByStatus.Values.Sum();

    public bool IsAgencyView => User.AgencyId is not null && User.Role is not (Core.Users.Role.ProgrammeOffice or Core.Users.Role.Executive);
}

public sealed record OverdueMilestone(Guid RecommendationId, string Reference, string Title, string Agency, DateOnly DueDate, int DaysOverdue);

public sealed record RecommendationSummary(Guid Id, string Reference, string Title, bool IsLead, DeliveryStatus Status, Rag? Rag, DateOnly? TargetDate);
