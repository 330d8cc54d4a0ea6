using System.Globalization;
using System.Text.Json;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;

namespace Readiness.Core.Reports;

/// <summary>
/// A report to produce. <c>Reader</c> is who it is for: null for the board's report (issued, emailed to executives),
/// whose readers all have need to know; otherwise OFFICIAL-SENSITIVE recommendations the reader may not read are
/// left out and counted.
/// </summary>
public sealed record ReportRequest(ReportScope Scope, string? Code, DateOnly AsAt, Reader? Reader = null);

/// <summary>
/// Gathers a board report's data in a handful of set-based queries, whatever the number of recommendations: the lines on
/// one connection while the trend and the previous report are read on another, both from one snapshot
/// (<see cref="SharedSnapshot"/>).
/// </summary>
public sealed class BoardReportQuery(IDbContextFactory<ReadinessDbContext> contexts, IOptions<ReadinessOptions> options)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public async Task<BoardReportData?> GatherAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        await using var snapshot = await SharedSnapshot.OpenAsync(contexts, cancellationToken);
        if (await ScopeAsync(snapshot.First, request, cancellationToken) is not var (scope, description, withheld))
        {
            return null;
        }

        var alongside = TrendAndPreviousAsync(snapshot.Second, request, cancellationToken);
        var current = CurrentAsync(snapshot.First, scope, description, withheld, request, cancellationToken);
        // Both are awaited before the snapshot's connections are given back, whichever fails.
        await Task.WhenAll(alongside, current);
        var (trend, previous) = await alongside;
        var data = await current with { Trend = trend };
        return data with { ChangesSinceLastReport = Compare(previous, data) };
    }

    private static async Task<(Trends.TrendData Trend, PreviousReport? Previous)> TrendAndPreviousAsync(
        ReadinessDbContext db,
        ReportRequest request,
        CancellationToken cancellationToken
    )
    {
        var (scope, description, withheld) =
            await ScopeAsync(db, request, cancellationToken) ?? throw new InvalidOperationException("The scope is in the snapshot.");
        var trend = await new Trends.TrendQuery(db).GatherAsync(scope, description, withheld, request.AsAt, cancellationToken);
        return (trend, await PreviousAsync(db, request, cancellationToken));
    }

    private async Task<BoardReportData> CurrentAsync(
        ReadinessDbContext db,
        IQueryable<Recommendation> scope,
        string description,
        int withheld,
        ReportRequest request,
        CancellationToken cancellationToken
    )
    {
        var today = request.AsAt;
        var lines = await scope
            .Assess(today)
            .OrderBy(a => a.Recommendation.LeadAgency!.Name)
            .ThenBy(a => a.Recommendation.Review!.PublishedOn)
            .ThenBy(a => a.Recommendation.Reference)
            .Select(a => new
            {
                Agency = a.Recommendation.LeadAgency!.Name,
                Review = a.Recommendation.Review!.Title,
                a.Recommendation.Review.IsSampleData,
                a.Recommendation.Reference,
                a.Recommendation.Title,
                a.Recommendation.Marking,
                a.Recommendation.DeliveryStatus,
                a.Rag,
                a.IsOverdue,
                a.Recommendation.RagReason,
                a.AssuredRag,
                a.Recommendation.AssuredRagReason,
                a.IsBlocked,
                a.Recommendation.Id,
                a.Recommendation.Blocker,
                a.Recommendation.BlockerNote,
                a.Recommendation.BlockedSince,
                a.Recommendation.OriginalTargetDate,
                a.Recommendation.CurrentTargetDate,
                Done = a.Recommendation.Milestones.Count(m => m.CompletedOn != null),
                Milestones = a.Recommendation.Milestones.Count,
                NextDue = a.Recommendation.Milestones.Where(m => m.CompletedOn == null).Min(m => (DateOnly?)m.CurrentDueDate),
                Latest = a.Recommendation.ProgressUpdates.OrderByDescending(p => p.PostedAt).Select(p => p.Narrative).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var overdue = await db
            .Milestones.AsNoTracking()
            .Where(m => scope.Any(r => r.Id == m.RecommendationId))
            .Where(RecommendationRules.IsMilestoneLive)
            .Where(RecommendationRules.IsMilestoneOverdue.On(today))
            .OrderBy(m => m.CurrentDueDate)
            .ThenBy(m => m.Recommendation!.Reference)
            .Select(m => new OverdueLine(
                m.Recommendation!.Reference,
                m.Title,
                m.DeliveringAgency!.Name,
                m.CurrentDueDate,
                today.DayNumber - m.CurrentDueDate.DayNumber
            ))
            .ToListAsync(cancellationToken);
        var blockedIds = lines.Where(l => l.IsBlocked).Select(l => l.Id).ToList();
        var dependencies = (
            await db
                .RecommendationLinks.AsNoTracking()
                .Where(l => l.Kind == LinkKind.DependsOn && blockedIds.Contains(l.RecommendationId))
                .Select(l => new { l.RecommendationId, l.OtherRecommendation!.Reference })
                .ToListAsync(cancellationToken)
        ).ToLookup(l => l.RecommendationId, l => l.Reference);
        var repeats = await scope.CountAsync(r => r.Links.Any(l => l.Kind == LinkKind.Repeats), cancellationToken);
        var validation = new ValidationCounts(
            await scope.CountAsync(RecommendationRules.IsValidated, cancellationToken),
            await scope.CountAsync(r => r.DeliveryStatus == DeliveryStatus.Complete && r.ValidatedOn == null, cancellationToken),
            await scope.CountAsync(RecommendationRules.IsValidationOverdue.On(today), cancellationToken),
            await db
                .EvidenceItems.Where(RecommendationRules.IsEvidenceExpired.On(today))
                .Where(e => scope.Any(r => r.Id == e.RecommendationId))
                .Select(e => e.RecommendationId)
                .Distinct()
                .CountAsync(cancellationToken)
        );
        var responsesOverdue = await scope.Where(RecommendationRules.IsResponseOverdue.On(today)).CountAsync(cancellationToken);

        var total = lines.Count;
        var complete = lines.Count(l => l.DeliveryStatus == DeliveryStatus.Complete);
        var sections = lines
            .GroupBy(l => l.Agency)
            .Select(g => new AgencySection(
                g.Key,
                g.Select(l => new RecommendationLine(
                        l.Reference,
                        l.Title,
                        Vocabulary.Describe(l.DeliveryStatus),
                        l.Rag is { } rag ? Vocabulary.Describe(rag) : null,
                        RagText(l.Rag, l.IsOverdue, l.DeliveryStatus, l.RagReason),
                        l.Done,
                        l.Milestones,
                        l.NextDue,
                        l.Latest,
                        l.DeliveryStatus,
                        l.Id
                    ))
                    .ToList()
            ))
            .ToList();
        return new BoardReportData(
            Title: "Readiness board progress report",
            ScopeDescription: description,
            Reviews: lines.Select(l => l.Review).Distinct().Order(StringComparer.Ordinal).ToList(),
            AsAt: request.AsAt,
            Marking: Vocabulary.Describe(
                NeedToKnow.Highest(lines.Select(l => l.Marking), NeedToKnow.Parse(options.Value.ProtectiveMarking))
            ),
            IsSampleData: lines.Any(l => l.IsSampleData),
            Total: total,
            ByStatus: Enum.GetValues<DeliveryStatus>()
                .Select(s => new StatusCount(Vocabulary.Describe(s), lines.Count(l => l.DeliveryStatus == s), s.ToString()))
                .ToList(),
            ByRag:
            [
                .. new[] { Rag.Red, Rag.Amber, Rag.Green }.Select(r => new StatusCount(
                    Vocabulary.Describe(r),
                    lines.Count(l => l.Rag == r),
                    r.ToString()
                )),
                new("Not assessed", lines.Count(l => l.Rag is null), StatusCount.NotAssessed),
            ],
            PercentComplete: total == 0 ? 0 : (int)Math.Round(100.0 * complete / total),
            ChangesSinceLastReport: [],
            StatusByAgency: lines
                .GroupBy(l => l.Agency)
                .Select(g => new AgencyStatusLine(
                    g.Key,
                    g.Count(l => l.DeliveryStatus == DeliveryStatus.NotStarted),
                    g.Count(l => l.DeliveryStatus == DeliveryStatus.InProgress),
                    g.Count(l => l.DeliveryStatus == DeliveryStatus.ClosureProposed),
                    g.Count(l => l.DeliveryStatus == DeliveryStatus.Complete),
                    g.Count(l => l.DeliveryStatus == DeliveryStatus.Superseded)
                ))
                .ToList(),
            OverdueMilestones: overdue,
            Slippage: lines
                .Where(l => l.OriginalTargetDate is not null && l.CurrentTargetDate > l.OriginalTargetDate)
                .Select(l => new SlippageLine(
                    l.Reference,
                    l.Title,
                    l.OriginalTargetDate!.Value,
                    l.CurrentTargetDate!.Value,
                    l.CurrentTargetDate.Value.DayNumber - l.OriginalTargetDate.Value.DayNumber
                ))
                .OrderByDescending(s => s.SlippageDays)
                .ToList(),
            Sections: sections,
            Withheld: withheld,
            ResponsesOverdue: responsesOverdue,
            Disagreements: lines
                .Where(l => RagAssessment.Differ(l.Rag, l.AssuredRag))
                .Select(l => new DisagreementLine(
                    l.Reference,
                    l.Title,
                    Vocabulary.Describe(l.Rag!.Value),
                    RagText(l.Rag, l.IsOverdue, l.DeliveryStatus, l.RagReason),
                    Vocabulary.Describe(l.AssuredRag!.Value),
                    l.AssuredRagReason ?? ""
                ))
                .ToList(),
            Blocked: lines
                .Where(l => l.IsBlocked)
                .OrderBy(l => l.BlockedSince)
                .ThenBy(l => l.Reference, StringComparer.Ordinal)
                .Select(l => new BlockedLine(
                    l.Reference,
                    l.Title,
                    Vocabulary.Describe(l.Blocker!.Value),
                    l.BlockedSince,
                    l.BlockerNote ?? "",
                    string.Join(", ", dependencies[l.Id].Order(StringComparer.Ordinal))
                ))
                .ToList(),
            RepeatsOfEarlierReviews: repeats,
            Validation: validation
        );
    }

    /// <summary>
    /// The recommendations a report or dashboard for <paramref name="request"/> covers, what to call them, and how many
    /// were left out because the reader may not read them; null when the review or agency does not exist.
    /// </summary>
    public static async Task<(IQueryable<Recommendation> Scope, string Description, int Withheld)?> ScopeAsync(
        ReadinessDbContext db,
        ReportRequest request,
        CancellationToken cancellationToken
    )
    {
        var scope = db.Recommendations.AsNoTracking();
        string description;
        switch (request.Scope)
        {
            case ReportScope.Review:
                var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Code == request.Code, cancellationToken);
                if (review is null)
                {
                    return null;
                }

                scope = scope.Where(r => r.ReviewId == review.Id);
                description = review.Title;
                break;
            case ReportScope.Agency:
                var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == request.Code, cancellationToken);
                if (agency is null)
                {
                    return null;
                }

                scope = scope.Where(r => r.LeadAgencyId == agency.Id);
                description = $"Recommendations led by {agency.Name}";
                break;
            default:
                description = "The whole programme";
                break;
        }

        var withheld = 0;
        if (request.Reader is { } reader)
        {
            var mayRead = NeedToKnow.MayRead(reader);
            withheld = await scope.AsExpandable().CountAsync(r => !mayRead.Invoke(r), cancellationToken);
            scope = scope.Where(mayRead);
        }

        return (scope, description, withheld);
    }

    private static string RagText(Rag? rag, bool overdue, DeliveryStatus status, string? reason) =>
        status == DeliveryStatus.Complete ? "Delivered."
        : overdue ? "Overdue: a milestone or the target date has passed."
        : rag is null ? "Not yet assessed."
        : reason ?? "Set by the owner.";

    private static async Task<PreviousReport?> PreviousAsync(
        ReadinessDbContext db,
        ReportRequest request,
        CancellationToken cancellationToken
    )
    {
        var scope = request.Scope.ToString();
        var previous = await db
            .BoardReportSnapshots.AsNoTracking()
            .Where(s => s.Scope == scope && s.ScopeCode == request.Code)
            .OrderByDescending(s => s.IssuedAt)
            .Select(s => s.Data)
            .FirstOrDefaultAsync(cancellationToken);
        return previous?.Deserialize<PreviousReport>();
    }

    // What the comparison reads of an issued report's data (BoardReportData), so titles and narratives are not built.
    private sealed record PreviousReport(
        DateOnly AsAt,
        IReadOnlyList<PreviousSection> Sections,
        IReadOnlyList<PreviousOverdue> OverdueMilestones
    );

    private sealed record PreviousSection(IReadOnlyList<PreviousLine> Recommendations);

    private sealed record PreviousLine(string Reference, string? Rag, DeliveryStatus? StatusValue = null, Guid? Id = null);

    private sealed record PreviousOverdue(string Reference);

    /// <summary>What changed since the previous issued report of the same scope: newly complete, newly overdue, RAG changes.</summary>
    private static List<string> Compare(PreviousReport? previous, BoardReportData current)
    {
        if (previous is null)
        {
            return ["This is the first issued report for this scope, so there is nothing to compare with."];
        }

        // References are unique within a review, not across reviews: lines are matched by the recommendation's id, or by
        // reference (the first of any repeats) with a report issued before lines carried their id.
        var previousLines = previous.Sections.SelectMany(s => s.Recommendations).ToList();
        var byId = previousLines.TrueForAll(l => l.Id is not null);
        Func<Guid?, string, string> identity = byId ? (id, reference) => id?.ToString() ?? reference : (_, reference) => reference;
        var before = previousLines.GroupBy(l => identity(l.Id, l.Reference)).ToDictionary(g => g.Key, g => g.First());
        var before0 = previous.OverdueMilestones.Select(o => o.Reference).ToHashSet();
        var changes = new List<string>();
        foreach (var line in current.Sections.SelectMany(s => s.Recommendations))
        {
            if (!before.TryGetValue(identity(line.Id, line.Reference), out var old))
            {
                changes.Add($"{line.Reference} is new in this report.");
                continue;
            }

            if (line.StatusValue == DeliveryStatus.Complete && old.StatusValue != DeliveryStatus.Complete)
            {
                changes.Add($"{line.Reference} is newly complete.");
            }

            if (line.Rag != old.Rag)
            {
                changes.Add($"{line.Reference} RAG changed from {old.Rag ?? "not assessed"} to {line.Rag ?? "not assessed"}.");
            }
        }

        changes.AddRange(
            current
                .OverdueMilestones.Select(o => o.Reference)
                .Distinct()
                .Where(r => !before0.Contains(r))
                .Select(r => $"{r} is newly overdue.")
        );
        return changes.Count == 0 ? [$"No changes since the report issued for {previous.AsAt.ToString("d MMMM yyyy", English)}."] : changes;
    }
}
