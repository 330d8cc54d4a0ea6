using LinqKit;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Home;

public sealed record OverdueMilestone(
    Guid Id,
    Guid RecommendationId,
    string Reference,
    string Title,
    string Agency,
    DateOnly DueDate,
    int DaysOverdue
);

public sealed record ListedRecommendation(Guid Id, string Reference, string Title, string? Detail);

public sealed record AgencyLine(string Code, string Name, int Open, int Complete, int Overdue, int Red, int OverdueMilestones);

public sealed record Headline(int Total, IReadOnlyDictionary<DeliveryStatus, int> ByStatus, IReadOnlyDictionary<string, int> ByRag)
{
    public int Count(DeliveryStatus status) => ByStatus.GetValueOrDefault(status);

    public int Rag(string rag) => ByRag.GetValueOrDefault(rag);
}

public sealed record AgencyRecommendation(
    Guid Id,
    string Reference,
    string Title,
    bool IsLead,
    DeliveryStatus Status,
    Rag? Rag,
    DateOnly? TargetDate
);

public sealed record AgencyHome(
    string Agency,
    Headline Headline,
    IReadOnlyList<AgencyRecommendation> Open,
    int OverdueCount,
    IReadOnlyList<OverdueMilestone> Overdue,
    IReadOnlyList<ListedRecommendation> UpdatesDue,
    IReadOnlyList<ListedRecommendation> TargetDateRequests,
    IReadOnlyList<ListedRecommendation> EvidenceSentBack,
    BlockedList Blocked
);

/// <summary>Recommendations not progressing, the longest blocked first, with what blocks each; capped, with the full count.</summary>
public sealed record BlockedList(int Count, IReadOnlyList<ListedRecommendation> Items)
{
    public string Heading => Count == 0 ? "Not progressing" : $"Not progressing ({Count})";
}

public sealed record ProgrammeOfficeHome(
    Headline Headline,
    IReadOnlyList<ListedRecommendation> TargetDateRequests,
    IReadOnlyList<ListedRecommendation> ClosureProposed,
    int EvidenceAwaitingReview,
    IReadOnlyList<AgencyLine> ByAgency,
    int ResponsesOverdueCount,
    IReadOnlyList<ListedRecommendation> ResponsesOverdue,
    BlockedList Blocked
);

/// <summary>The executive home; <c>LatestReport</c> is the latest issued programme board report, if any has been issued.</summary>
public sealed record ExecutiveHome(
    Headline Headline,
    IReadOnlyList<AgencyLine> ByAgency,
    BlockedList Blocked,
    (Guid Id, DateOnly AsAt)? LatestReport,
    bool IsForExecutive
);

/// <summary>What each role's home page shows; every list is capped and every count is one grouped query.</summary>
public sealed class HomeQueries(
    ReadinessDbContext db,
    StoredStates states,
    TimeProvider clock,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    Microsoft.Extensions.Options.IOptions<CacheOptions> caching
)
{
    internal const int ListLength = 10;

    private sealed record ProgrammeFigures(Headline Headline, IReadOnlyList<AgencyLine> ByAgency);

    /// <summary>
    /// The programme-wide board figures (counts over every recommendation and milestone) for the programme office and
    /// executives. They are the costliest queries at scale and read as board figures, so each instance keeps them for
    /// Cache:ProgrammeFiguresSeconds (30 by default); agency pages and every list stay live.
    /// </summary>
    private async Task<ProgrammeFigures> ProgrammeFiguresAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        async Task<ProgrammeFigures> QueryAsync()
        {
            await states.EnsureCurrentAsync(today, cancellationToken);
            return new(
                await HeadlineAsync(db.Recommendations.AsNoTracking(), cancellationToken),
                await ByAgencyAsync(today, cancellationToken)
            );
        }

        return await cache.GetOrQueryAsync(
            $"programme-figures:{today:yyyy-MM-dd}",
            TimeSpan.FromSeconds(caching.Value.ProgrammeFiguresSeconds),
            QueryAsync
        );
    }

    public async Task<AgencyHome> ForAgencyAsync(Guid agencyId, string agencyName, Reader reader, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        await states.EnsureCurrentAsync(today, cancellationToken);
        var ours = await AgencyHomeQueries.Ours(db, agencyId).ToListAsync(cancellationToken);
        return new AgencyHome(
            agencyName,
            ToHeadline(await AgencyHomeQueries.Headline(db, ours).ToListAsync(cancellationToken)),
            await AgencyHomeQueries.Open(db, ours, agencyId).ToListAsync(cancellationToken),
            await AgencyHomeQueries.OverdueMilestoneCount(db, agencyId, today, cancellationToken),
            await AgencyHomeQueries.OverdueMilestones(db, agencyId, today).ToListAsync(cancellationToken),
            await AgencyHomeQueries.UpdatesDue(db, agencyId, today.StartOfMonth()).ToListAsync(cancellationToken),
            await AgencyHomeQueries.TargetDateRequests(db, agencyId, clock.GetUtcNow().AddDays(-30)).ToListAsync(cancellationToken),
            await AgencyHomeQueries.EvidenceSentBack(db, ours).ToListAsync(cancellationToken),
            await BlockedAsync(ours, reader, cancellationToken)
        );
    }

    // The programme office's queues, compiled once (with the rules expanded into them): its home runs them on every view.
    private static readonly Func<ReadinessDbContext, IAsyncEnumerable<ListedRecommendation>> PendingRequests = EF.CompileAsyncQuery<
        ReadinessDbContext,
        ListedRecommendation
    >(db =>
        db.TargetDateRequests.AsNoTracking()
            .Where(t => t.State == TargetDateRequestState.Pending)
            .OrderBy(t => t.RequestedAt)
            .Take(ListLength)
            .Select(t => new ListedRecommendation(
                t.Id,
                t.Recommendation!.Reference,
                t.Recommendation.Title,
                t.Recommendation.LeadAgency!.Name
            ))
    );

    private static readonly Func<ReadinessDbContext, IAsyncEnumerable<ListedRecommendation>> ClosuresProposed = EF.CompileAsyncQuery<
        ReadinessDbContext,
        ListedRecommendation
    >(db =>
        db.Recommendations.AsNoTracking()
            .Where(r => r.DeliveryStatus == DeliveryStatus.ClosureProposed)
            .OrderBy(r => r.Reference)
            .Take(ListLength)
            .Select(r => new ListedRecommendation(r.Id, r.Reference, r.Title, r.LeadAgency!.Name))
    );

    private static readonly Func<ReadinessDbContext, CancellationToken, Task<int>> EvidenceAwaitingReview = EF.CompileAsyncQuery(
        (ReadinessDbContext db, CancellationToken _) => db.EvidenceItems.Count(e => e.Status == EvidenceStatus.AwaitingReview)
    );

    private static readonly Func<ReadinessDbContext, DateOnly, IAsyncEnumerable<ListedRecommendation>> ResponsesOverdue =
        EF.CompileAsyncQuery(
            RecommendationRules.Expanded<Func<ReadinessDbContext, DateOnly, IQueryable<ListedRecommendation>>>(
                (db, today) =>
                    db
                        .Recommendations.AsNoTracking()
                        .Where(r => RecommendationRules.IsResponseOverdue.Invoke(r, today))
                        .OrderBy(r => r.Review!.ResponsesDueOn)
                        .ThenBy(r => r.Reference)
                        .Take(ListLength)
                        .Select(r => new ListedRecommendation(r.Id, r.Reference, r.Title, r.LeadAgency!.Name))
            )
        );

    private static readonly Func<ReadinessDbContext, DateOnly, CancellationToken, Task<int>> ResponsesOverdueCount = EF.CompileAsyncQuery(
        RecommendationRules.Expanded<Func<ReadinessDbContext, DateOnly, CancellationToken, int>>(
            (db, today, _) => db.Recommendations.Count(r => RecommendationRules.IsResponseOverdue.Invoke(r, today))
        )
    );

    public async Task<ProgrammeOfficeHome> ForProgrammeOfficeAsync(Reader reader, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var requests = await PendingRequests(db).ToListAsync(cancellationToken);
        var closures = await ClosuresProposed(db).ToListAsync(cancellationToken);
        var evidence = await EvidenceAwaitingReview(db, cancellationToken);
        var overdueResponses = await ResponsesOverdue(db, today).ToListAsync(cancellationToken);
        var overdueResponseCount =
            overdueResponses.Count < ListLength ? overdueResponses.Count : await ResponsesOverdueCount(db, today, cancellationToken);
        var figures = await ProgrammeFiguresAsync(cancellationToken);
        return new ProgrammeOfficeHome(
            figures.Headline,
            requests,
            closures,
            evidence,
            figures.ByAgency,
            overdueResponseCount,
            overdueResponses,
            await BlockedAsync(null, reader, cancellationToken)
        );
    }

    /// <summary>Executives, and viewers with no agency (who may not read every recommendation: the list respects need to know).</summary>
    public async Task<ExecutiveHome> ForExecutiveAsync(Reader reader, CancellationToken cancellationToken)
    {
        var figures = await ProgrammeFiguresAsync(cancellationToken);
        var latest = await db
            .BoardReportSnapshots.AsNoTracking()
            .Where(r => r.Scope == nameof(Core.Reports.ReportScope.Programme))
            .OrderByDescending(r => r.IssuedAt)
            .Select(r => new { r.Id, r.AsAt })
            .FirstOrDefaultAsync(cancellationToken);
        return new ExecutiveHome(
            figures.Headline,
            figures.ByAgency,
            await BlockedAsync(null, reader, cancellationToken),
            latest is null ? null : (latest.Id, latest.AsAt),
            reader.Role == Core.Users.Role.Executive
        );
    }

    // Not progressing, the longest blocked first, among the given recommendations (null: every one), compiled once for
    // every home; the reader's role, agency and grant are parameters of the need-to-know rule.
    private static readonly Func<ReadinessDbContext, List<Guid>?, Role, Guid?, bool, IAsyncEnumerable<BlockedRow>> Blocked =
        EF.CompileAsyncQuery(
            RecommendationRules.Expanded<Func<ReadinessDbContext, List<Guid>?, Role, Guid?, bool, IQueryable<BlockedRow>>>(
                (db, ids, role, agencyId, granted) =>
                    db
                        .Recommendations.Where(r => (ids == null || ids.Contains(r.Id)) && RecommendationRules.IsBlocked.Invoke(r))
                        .OrderBy(r => r.BlockedSince)
                        .ThenBy(r => r.Reference)
                        .Take(ListLength)
                        .Select(r => new BlockedRow(
                            r.Id,
                            r.Reference,
                            NeedToKnow.Rule.Invoke(r, role, agencyId, granted) ? r.Title : NeedToKnow.RestrictedText,
                            r.Blocker!.Value
                        ))
            )
        );

    private static readonly Func<ReadinessDbContext, List<Guid>?, CancellationToken, Task<int>> BlockedCount = EF.CompileAsyncQuery(
        RecommendationRules.Expanded<Func<ReadinessDbContext, List<Guid>?, CancellationToken, int>>(
            (db, ids, _) => db.Recommendations.Count(r => (ids == null || ids.Contains(r.Id)) && RecommendationRules.IsBlocked.Invoke(r))
        )
    );

    /// <summary>The first of the list, and the full count, which is only counted when the list is full.</summary>
    private async Task<BlockedList> BlockedAsync(List<Guid>? ids, Reader reader, CancellationToken cancellationToken)
    {
        var items = await Blocked(db, ids, reader.Role, reader.AgencyId, reader.HasSensitiveAccess).ToListAsync(cancellationToken);
        return new BlockedList(
            items.Count < ListLength ? items.Count : await BlockedCount(db, ids, cancellationToken),
            items.Select(r => new ListedRecommendation(r.Id, r.Reference, r.Title, Vocabulary.Describe(r.Blocker))).ToList()
        );
    }

    private async Task<Headline> HeadlineAsync(IQueryable<Recommendation> scope, CancellationToken cancellationToken) =>
        ToHeadline(
            await scope
                .AssessStored(db.StoredStates)
                .GroupBy(a => new { a.Recommendation.DeliveryStatus, a.Rag })
                .Select(g => new HeadlineCount(g.Key.DeliveryStatus, g.Key.Rag, g.Count()))
                .ToListAsync(cancellationToken)
        );

    private static Headline ToHeadline(List<HeadlineCount> rows) =>
        new(
            rows.Sum(r => r.Count),
            rows.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            rows.GroupBy(r => r.Rag?.ToString() ?? "None").ToDictionary(g => g.Key, g => g.Sum(r => r.Count))
        );

    private async Task<IReadOnlyList<AgencyLine>> ByAgencyAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var lines = await db
            .Recommendations.AsNoTracking()
            .AssessStored(db.StoredStates)
            .AsExpandable()
            .GroupBy(a => new { a.Recommendation.LeadAgency!.Code, a.Recommendation.LeadAgency.Name })
            .Select(g => new
            {
                g.Key.Code,
                g.Key.Name,
                Open = g.Count(a => RecommendationRules.IsOpen.Invoke(a.Recommendation)),
                Complete = g.Count(a => a.Recommendation.DeliveryStatus == DeliveryStatus.Complete),
                Overdue = g.Count(a => a.IsOverdue),
                Red = g.Count(a => a.Rag == Rag.Red),
            })
            .ToListAsync(cancellationToken);
        var milestones = await db
            .Milestones.AsNoTracking()
            .Where(RecommendationRules.IsMilestoneOverdue.On(today))
            .GroupBy(m => m.DeliveringAgency!.Code)
            .Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, cancellationToken);
        return lines
            .Select(l => new AgencyLine(l.Code, l.Name, l.Open, l.Complete, l.Overdue, l.Red, milestones.GetValueOrDefault(l.Code)))
            .OrderByDescending(l => l.Overdue)
            .ThenBy(l => l.Name)
            .ToList();
    }
}
