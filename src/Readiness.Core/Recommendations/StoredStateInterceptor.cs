using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Readiness.Core.Data;
using Readiness.Core.Milestones;
using Readiness.Core.Reviews;

namespace Readiness.Core.Recommendations;

/// <summary>
/// Refreshes the stored state (<see cref="StoredState"/>) of every recommendation a save touches, after the save
/// and inside the same transaction (one is begun when the caller has none), so no reader ever sees the change without
/// its state. Touched: a recommendation added or edited, a milestone added, edited or removed, a review's code changed.
/// One for the app: what a save collects is kept on its context (<see cref="Pending"/>).
/// </summary>
public sealed class StoredStateInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    /// <summary>What one context's save in progress touched, and the transaction begun for it.</summary>
    internal sealed class Pending
    {
        internal HashSet<Guid>? Touched { get; set; }
        internal HashSet<Guid>? Reviews { get; set; }
        internal IDbContextTransaction? Own { get; set; }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        if (eventData.Context is not { } context)
        {
            return result;
        }

        // EF Core does not report a save refused for a concurrency conflict as failed: end the transaction it ran in (EF
        // rolled its changes back to a savepoint) before the next save, or that save would run in it and never commit.
        var pending = PendingOf(context);
        await EndAsync(pending);
        (pending.Touched, pending.Reviews) = Collect(context);
        if (pending.Touched is not null && context.Database.CurrentTransaction is null)
        {
            pending.Own = await context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        if (eventData.Context is not { } context || PendingOf(context) is not { Touched: { } touched } pending)
        {
            return result;
        }

        try
        {
            if (pending.Reviews is { Count: > 0 } reviews)
            {
                touched.UnionWith(
                    await context
                        .Set<Recommendation>()
                        .Where(r => reviews.Contains(r.ReviewId))
                        .Select(r => r.Id)
                        .ToListAsync(cancellationToken)
                );
            }

            await StoredStates.RefreshAsync(context, touched, clock.Today(), cancellationToken);
            if (pending.Own is { } own)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await EndAsync(pending);
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await EndAsync(eventData.Context);

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await EndAsync(eventData.Context);

    /// <summary>Synchronous saves (the data protection key store's) must not touch recommendations.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is { } context && Collect(context).Touched is not null
            ? throw new NotSupportedException("Save recommendations asynchronously: their stored state is refreshed with async SQL.")
            : result;

    private static Pending PendingOf(DbContext context) =>
        context is ReadinessDbContext readiness
            ? readiness.StoredStatePending
            : throw new NotSupportedException($"{nameof(StoredStateInterceptor)} serves {nameof(ReadinessDbContext)} only.");

    /// <summary>The recommendations a save touches, and the reviews whose code it changes (touching their recommendations).</summary>
    private static (HashSet<Guid>? Touched, HashSet<Guid>? Reviews) Collect(DbContext context)
    {
        HashSet<Guid>? touched = null;
        HashSet<Guid>? reviews = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Recommendation r when entry.State is EntityState.Added or EntityState.Modified:
                    (touched ??= []).Add(r.Id);
                    break;
                case Milestone m when entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted:
                    (touched ??= []).Add(m.RecommendationId);
                    if (
                        entry.State == EntityState.Modified
                        && entry.Property(nameof(Milestone.RecommendationId)).OriginalValue is Guid moved
                    )
                    {
                        touched.Add(moved);
                    }

                    break;
                case Review review when entry.State == EntityState.Modified && entry.Property(nameof(Review.Code)).IsModified:
                    (reviews ??= []).Add(review.Id);
                    touched ??= [];
                    break;
            }
        }

        return (touched, reviews);
    }

    private static async ValueTask EndAsync(DbContext? context)
    {
        if (context is not null)
        {
            await EndAsync(PendingOf(context));
        }
    }

    private static async ValueTask EndAsync(Pending pending)
    {
        pending.Touched = null;
        pending.Reviews = null;
        if (pending.Own is { } own)
        {
            pending.Own = null;
            await own.DisposeAsync();
        }
    }
}
