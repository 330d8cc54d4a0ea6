using System.Linq.Expressions;
using LinqKit;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;

namespace Readiness.Core.Recommendations;

/// <summary>
/// Keeps <see cref="StoredState"/> equal to what the rules derive. A change refreshes the rows it touches in its
/// own transaction under a shared advisory lock; a whole refresh (a new day) takes the lock exclusively, so neither can
/// write a state worked out from data the other has since changed.
/// </summary>
public sealed class StoredStates(ReadinessDbContext db, StoredStateDay day)
{
    private const long LockKey = 0x5245_4144_5354;

    /// <summary>Refreshes every row when any is missing or from an earlier day; the first request of a day pays for it once.</summary>
    public async Task EnsureCurrentAsync(DateOnly today, CancellationToken cancellationToken)
    {
        if (day.IsCurrent(today))
        {
            return;
        }

        if (await db.Recommendations.AnyAsync(r => r.State == null || r.State.WorkedOutOn != today, cancellationToken))
        {
            await RefreshAllAsync(today, cancellationToken);
        }

        day.Mark(today);
    }

    /// <summary>Works out and stores every recommendation's state for <paramref name="today"/> (daily job, operations verb).</summary>
    public async Task<int> RefreshAllAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (own)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
            var written = await WriteAsync(db, db.Recommendations, today, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return written;
        }
    }

    /// <summary>
    /// Refreshes these recommendations inside the caller's transaction. Their rows are locked first, so a change saved
    /// at the same moment by another request is seen (committed) before the state is worked out again.
    /// </summary>
    internal static async Task RefreshAsync(
        DbContext db,
        IReadOnlyCollection<Guid> ids,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var array = ids.Order().ToArray();
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({LockKey})", cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"SELECT 1 FROM recommendation_states WHERE recommendation_id = ANY({array}) ORDER BY recommendation_id FOR UPDATE",
            cancellationToken
        );
        await WriteAsync(db, db.Set<Recommendation>().Where(r => array.Contains(r.Id)), today, cancellationToken);
    }

    /// <summary>Stored against derived, for every recommendation: the consistency check (a test and `state check`).</summary>
    public async Task<IReadOnlyList<string>> DifferencesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var derived = await DeriveAsync(db.Recommendations, today, cancellationToken);
        var stored = await db.StoredStates.AsNoTracking().ToDictionaryAsync(s => s.RecommendationId, cancellationToken);
        var differences = new List<string>();
        foreach (var row in derived)
        {
            var name = $"{row.ReviewCode} {row.Reference}";
            if (!stored.Remove(row.Id, out var state))
            {
                differences.Add($"{name}: no stored state (derived {row.State}).");
            }
            else if (state.Derived != row.State || state.ReviewCode != row.ReviewCode || state.Reference != row.Reference)
            {
                differences.Add($"{name}: stored {state.Derived} on {state.WorkedOutOn:yyyy-MM-dd}, derived {row.State}.");
            }
        }

        differences.AddRange(
            stored.Values.Select(s => $"{s.ReviewCode} {s.Reference}: stored for a recommendation that no longer exists.")
        );
        return differences;
    }

    private sealed record Derived(Guid Id, string ReviewCode, string Reference, DerivedState State);

    private static async Task<List<Derived>> DeriveAsync(
        IQueryable<Recommendation> recommendations,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        Expression<Func<Recommendation, Derived>> derive = r => new Derived(
            r.Id,
            r.Review!.Code,
            r.Reference,
            DerivedState.Rule.Invoke(r, today)
        );
        return await recommendations.AsNoTracking().Select(derive.Expand()).ToListAsync(cancellationToken);
    }

    private static async Task<int> WriteAsync(
        DbContext db,
        IQueryable<Recommendation> recommendations,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var rows = await DeriveAsync(recommendations, today, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var ids = rows.Select(r => r.Id).ToArray();
        var codes = rows.Select(r => r.ReviewCode).ToArray();
        var references = rows.Select(r => r.Reference).ToArray();
        var rags = rows.Select(r => r.State.Rag?.ToString()).ToArray();
        var bases = rows.Select(r => r.State.Basis.ToString()).ToArray();
        var overdue = rows.Select(r => r.State.IsOverdue).ToArray();
        var counts = rows.Select(r => r.State.OverdueMilestones).ToArray();
        var oldest = rows.Select(r => r.State.OldestOverdueDue).ToArray();
        var next = rows.Select(r => r.State.NextMilestoneDue).ToArray();
        return await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO recommendation_states (recommendation_id, review_code, reference, rag, rag_basis, is_overdue,
                overdue_milestones, oldest_overdue_due, next_milestone_due, worked_out_on)
            SELECT u.*, {today} FROM unnest({ids}, {codes}, {references}, {rags}, {bases}, {overdue}, {counts}, {oldest}, {next}) AS u
            ON CONFLICT (recommendation_id) DO UPDATE SET review_code = excluded.review_code, reference = excluded.reference,
                rag = excluded.rag, rag_basis = excluded.rag_basis, is_overdue = excluded.is_overdue,
                overdue_milestones = excluded.overdue_milestones, oldest_overdue_due = excluded.oldest_overdue_due,
                next_milestone_due = excluded.next_milestone_due, worked_out_on = excluded.worked_out_on
            """,
            cancellationToken
        );
    }
}

/// <summary>The day this process last found every stored state current, so the check runs once a day, not on every request.</summary>
public sealed class StoredStateDay
{
    private int current;

    public bool IsCurrent(DateOnly today) => Volatile.Read(ref current) == today.DayNumber;

    public void Mark(DateOnly today) => Volatile.Write(ref current, today.DayNumber);
}

/// <summary>
/// The day's refresh (Hangfire, <c>Reminders:StoredStateCron</c>): milestones and target dates that passed at midnight
/// turn their recommendations red before anyone asks; a request that comes first does the same
/// (<see cref="StoredStates.EnsureCurrentAsync"/>).
/// </summary>
public sealed class StoredStateJob(StoredStates states, TimeProvider clock)
{
    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => states.RefreshAllAsync(clock.Today(), cancellationToken);
}
