using LinqKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;

namespace Readiness.Core.Trends;

/// <summary>
/// Keeps each recommendation's state history: the end-of-day job records today's state where it changed, and a
/// recommendation with no history yet has its past rebuilt from its status changes, milestones and progress updates,
/// so an install with old data has its trend at once.
/// </summary>
public sealed class StateHistory(ReadinessDbContext db)
{
    private const int BackfillBatch = 500;

    /// <summary>Records <paramref name="day"/>'s state for every recommendation, after rebuilding any history missing.</summary>
    public async Task<int> RecordAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await BackfillAsync(day, cancellationToken);
        var overdueMilestones = await db
            .Milestones.AsNoTracking()
            .Where(RecommendationRules.IsMilestoneLive)
            .Where(RecommendationRules.IsMilestoneOverdue.On(day))
            .GroupBy(m => m.RecommendationId)
            .Select(g => new { RecommendationId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.RecommendationId, g => g.Count, cancellationToken);
        var today = await db
            .Recommendations.AsNoTracking()
            .Assess(day)
            .Select(a => new StateSpan
            {
                RecommendationId = a.Recommendation.Id,
                FromDay = day,
                Status = a.Recommendation.DeliveryStatus,
                Rag = a.Rag,
                IsOverdue = a.IsOverdue,
                LeadAgencyId = a.Recommendation.LeadAgencyId,
                Marking = a.Recommendation.Marking,
                TargetDate = a.Recommendation.CurrentTargetDate,
            })
            .ToListAsync(cancellationToken);
        foreach (var state in today)
        {
            state.OverdueMilestones = overdueMilestones.GetValueOrDefault(state.RecommendationId);
        }

        var open = await db.StateSpans.Where(s => s.ToDay == null).ToDictionaryAsync(s => s.RecommendationId, cancellationToken);
        var changed = 0;
        foreach (var state in today)
        {
            if (open.TryGetValue(state.RecommendationId, out var current))
            {
                if (current.SameStateAs(state) || current.FromDay > day)
                {
                    continue;
                }

                if (current.FromDay == day)
                {
                    current.TakeStateOf(state);
                    changed++;
                    continue;
                }

                current.ToDay = day;
            }

            db.StateSpans.Add(state);
            changed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>Rebuilds, up to the day before <paramref name="today"/>, the history of recommendations that have none.</summary>
    public async Task<int> BackfillAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var rebuilt = 0;
        while (true)
        {
            var batch = await db
                .Recommendations.AsNoTracking()
                .AsSplitQuery()
                .Where(r => !db.StateSpans.Any(s => s.RecommendationId == r.Id))
                .Include(r => r.Review)
                .Include(r => r.Milestones)
                .Include(r => r.StatusChanges)
                .Include(r => r.ProgressUpdates)
                .Include(r => r.TargetDateRequests.Where(t => t.State == TargetDateRequestState.Approved))
                .OrderBy(r => r.Id)
                .Take(BackfillBatch)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return rebuilt;
            }

            foreach (var recommendation in batch)
            {
                db.StateSpans.AddRange(Rebuild(recommendation, today));
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            rebuilt += batch.Count;
        }
    }

    /// <summary>
    /// The spans a recommendation's records imply, from its review's publication to <paramref name="today"/> (the
    /// last left open for the end-of-day record). A past target date is the one an approved change replaced after that
    /// day; milestone due dates, lead agency and marking are taken as they are now, having no history of their own.
    /// </summary>
    public static IReadOnlyList<StateSpan> Rebuild(Recommendation r, DateOnly today)
    {
        var start = r.Review!.PublishedOn;
        var changes = r.StatusChanges.OrderBy(c => c.ChangedAt).ToList();
        var updates = r.ProgressUpdates.OrderBy(p => p.PostedAt).ToList();
        var moves = r
            .TargetDateRequests.Where(t => t.State == TargetDateRequestState.Approved && t.DecidedAt is not null)
            .OrderBy(t => t.DecidedAt)
            .ToList();
        DateOnly? TargetOn(DateOnly day) =>
            moves.FirstOrDefault(t => LondonTime.DateOf(t.DecidedAt!.Value) > day) is { } later ? later.PreviousDate : r.CurrentTargetDate;
        var days = new SortedSet<DateOnly> { start };
        days.UnionWith(moves.Select(t => LondonTime.DateOf(t.DecidedAt!.Value)));
        days.UnionWith(moves.Where(t => t.PreviousDate is not null).Select(t => t.PreviousDate!.Value.AddDays(1)));
        days.UnionWith(changes.Select(c => LondonTime.DateOf(c.ChangedAt)));
        days.UnionWith(updates.Select(p => LondonTime.DateOf(p.PostedAt)));
        days.UnionWith(r.Milestones.Select(m => m.CurrentDueDate.AddDays(1)));
        days.UnionWith(r.Milestones.Where(m => m.CompletedOn is not null).Select(m => m.CompletedOn!.Value));
        if (r.CurrentTargetDate is { } current)
        {
            days.Add(current.AddDays(1));
        }

        var spans = new List<StateSpan>();
        foreach (var day in days.Where(d => d >= start && d < today))
        {
            var status =
                changes.LastOrDefault(c => LondonTime.DateOf(c.ChangedAt) <= day)?.ToStatus
                ?? (changes.Count > 0 ? changes[0].FromStatus : r.DeliveryStatus);
            var open = RecommendationRules.Open(status);
            var target = TargetOn(day);
            var lateMilestones = open
                ? r.Milestones.Count(m => m.CurrentDueDate < day && (m.CompletedOn is null || m.CompletedOn > day))
                : 0;
            var overdue = open && (lateMilestones > 0 || target < day);
            var ownerRag = updates.LastOrDefault(p => LondonTime.DateOf(p.PostedAt) <= day)?.Rag;
            var state = new StateSpan
            {
                RecommendationId = r.Id,
                FromDay = day,
                Status = status,
                Rag =
                    status == DeliveryStatus.Complete ? Rag.Green
                    : status == DeliveryStatus.Superseded ? null
                    : overdue ? Rag.Red
                    : ownerRag,
                IsOverdue = overdue,
                OverdueMilestones = lateMilestones,
                LeadAgencyId = r.LeadAgencyId,
                Marking = r.Marking,
                TargetDate = target,
            };
            if (spans.Count > 0 && spans[^1].SameStateAs(state))
            {
                continue;
            }

            if (spans.Count > 0)
            {
                spans[^1].ToDay = day;
            }

            spans.Add(state);
        }

        if (spans.Count > 0)
        {
            spans[^1].ToDay = today;
        }

        return spans;
    }
}

/// <summary>The end-of-day job: records the day's state of every recommendation (Hangfire, <c>Reminders:StateHistoryCron</c>).</summary>
public sealed class StateHistoryJob(StateHistory history, TimeProvider clock, ILogger<StateHistoryJob> logger)
{
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var changed = await history.RecordAsync(clock.Today(), cancellationToken);
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(
            logger,
            "State history: {Changed} recommendations changed state today.",
            changed
        );
        return changed;
    }
}
