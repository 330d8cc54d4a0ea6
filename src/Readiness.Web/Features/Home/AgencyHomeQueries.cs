using LinqKit;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;

namespace Readiness.Web.Features.Home;

/// <summary>A count of recommendations with one delivery status and stored RAG: the rows a <see cref="Headline"/> is made from.</summary>
public sealed record HeadlineCount(DeliveryStatus Status, Rag? Rag, int Count);

/// <summary>A recommendation not progressing, with its title as the reader may see it.</summary>
public sealed record BlockedRow(Guid Id, string Reference, string Title, BlockerKind Blocker);

/// <summary>
/// The agency home's queries, compiled once with the rules expanded into them: an agency's leads and contributors open
/// it on every visit, and EF Core's work on each query before any SQL is sent was most of its cost. They take the
/// agency's recommendations (lead or supporting) by id: "= ANY(ids)" lets PostgreSQL fetch a few hundred rows by primary
/// key, where "lead OR supporting" scanned all 5,000 and checked every overdue milestone.
/// </summary>
internal static class AgencyHomeQueries
{
    private const int ListLength = HomeQueries.ListLength;

    public static readonly Func<ReadinessDbContext, Guid, DateOnly, IAsyncEnumerable<OverdueMilestone>> OverdueMilestones =
        EF.CompileAsyncQuery(
            RecommendationRules.Expanded<Func<ReadinessDbContext, Guid, DateOnly, IQueryable<OverdueMilestone>>>(
                (db, agencyId, today) =>
                    db
                        .Milestones.AsNoTracking()
                        .Where(m => m.DeliveringAgencyId == agencyId && RecommendationRules.IsMilestoneOverdue.Invoke(m, today))
                        .OrderBy(m => m.CurrentDueDate)
                        .Take(ListLength)
                        .Select(m => new OverdueMilestone(
                            m.Id,
                            m.RecommendationId,
                            m.Recommendation!.Reference,
                            m.Title,
                            m.DeliveringAgency!.Name,
                            m.CurrentDueDate,
                            today.DayNumber - m.CurrentDueDate.DayNumber
                        ))
            )
        );

    public static readonly Func<ReadinessDbContext, Guid, DateOnly, CancellationToken, Task<int>> OverdueMilestoneCount =
        EF.CompileAsyncQuery(
            RecommendationRules.Expanded<Func<ReadinessDbContext, Guid, DateOnly, CancellationToken, int>>(
                (db, agencyId, today, _) =>
                    db.Milestones.Count(m => m.DeliveringAgencyId == agencyId && RecommendationRules.IsMilestoneOverdue.Invoke(m, today))
            )
        );

    public static readonly Func<ReadinessDbContext, Guid, DateOnly, IAsyncEnumerable<ListedRecommendation>> UpdatesDue =
        EF.CompileAsyncQuery(
            RecommendationRules.Expanded<Func<ReadinessDbContext, Guid, DateOnly, IQueryable<ListedRecommendation>>>(
                (db, agencyId, period) =>
                    db
                        .Recommendations.AsNoTracking()
                        .Where(r => r.LeadAgencyId == agencyId && RecommendationRules.IsUpdateDue.Invoke(r, period))
                        .OrderBy(r => r.Reference)
                        .Take(ListLength)
                        .Select(r => new ListedRecommendation(r.Id, r.Reference, r.Title, null))
            )
        );

    public static readonly Func<ReadinessDbContext, Guid, IAsyncEnumerable<Guid>> Ours = EF.CompileAsyncQuery(
        (ReadinessDbContext db, Guid agencyId) =>
            db
                .Recommendations.Where(r => r.LeadAgencyId == agencyId)
                .Select(r => r.Id)
                .Union(db.SupportingAgencies.Where(s => s.AgencyId == agencyId).Select(s => s.RecommendationId))
    );

    public static readonly Func<ReadinessDbContext, List<Guid>, IAsyncEnumerable<HeadlineCount>> Headline = EF.CompileAsyncQuery(
        (ReadinessDbContext db, List<Guid> ids) =>
            db
                .Recommendations.Where(r => ids.Contains(r.Id))
                .Join(db.StoredStates, r => r.Id, s => s.RecommendationId, (r, s) => new { r.DeliveryStatus, s.Rag })
                .GroupBy(a => new { a.DeliveryStatus, a.Rag })
                .Select(g => new HeadlineCount(g.Key.DeliveryStatus, g.Key.Rag, g.Count()))
    );

    /// <summary>Open recommendations, the overdue first, then by target date.</summary>
    public static readonly Func<ReadinessDbContext, List<Guid>, Guid, IAsyncEnumerable<AgencyRecommendation>> Open = EF.CompileAsyncQuery(
        RecommendationRules.Expanded<Func<ReadinessDbContext, List<Guid>, Guid, IQueryable<AgencyRecommendation>>>(
            (db, ids, agencyId) =>
                db
                    .Recommendations.Where(r => ids.Contains(r.Id) && RecommendationRules.IsOpen.Invoke(r))
                    .Join(
                        db.StoredStates,
                        r => r.Id,
                        s => s.RecommendationId,
                        (r, s) =>
                            new
                            {
                                Recommendation = r,
                                s.IsOverdue,
                                s.Rag,
                            }
                    )
                    .OrderByDescending(a => a.IsOverdue)
                    .ThenBy(a => a.Recommendation.CurrentTargetDate)
                    .ThenBy(a => a.Recommendation.Reference)
                    .Take(ListLength * 2)
                    .Select(a => new AgencyRecommendation(
                        a.Recommendation.Id,
                        a.Recommendation.Reference,
                        a.Recommendation.Title,
                        a.Recommendation.LeadAgencyId == agencyId,
                        a.Recommendation.DeliveryStatus,
                        a.Rag,
                        a.Recommendation.CurrentTargetDate
                    ))
        )
    );

    /// <summary>Target date requests on the agency's own recommendations: pending, or decided since the given time.</summary>
    public static readonly Func<ReadinessDbContext, Guid, DateTimeOffset, IAsyncEnumerable<ListedRecommendation>> TargetDateRequests =
        EF.CompileAsyncQuery(
            (ReadinessDbContext db, Guid agencyId, DateTimeOffset decidedSince) =>
                db
                    .TargetDateRequests.AsNoTracking()
                    .Where(t =>
                        t.Recommendation!.LeadAgencyId == agencyId
                        && (t.State == TargetDateRequestState.Pending || t.DecidedAt >= decidedSince)
                    )
                    .OrderByDescending(t => t.RequestedAt)
                    .Take(ListLength)
                    .Select(t => new ListedRecommendation(
                        t.RecommendationId,
                        t.Recommendation!.Reference,
                        t.Recommendation.Title,
                        t.State.ToString()
                    ))
        );

    public static readonly Func<ReadinessDbContext, List<Guid>, IAsyncEnumerable<ListedRecommendation>> EvidenceSentBack =
        EF.CompileAsyncQuery(
            (ReadinessDbContext db, List<Guid> ids) =>
                db
                    .EvidenceItems.AsNoTracking()
                    .Where(e => e.Status == EvidenceStatus.SentBack && ids.Contains(e.RecommendationId))
                    .OrderBy(e => e.SubmittedAt)
                    .Take(ListLength)
                    .Select(e => new ListedRecommendation(e.RecommendationId, e.Recommendation!.Reference, e.Title, null))
        );
}
