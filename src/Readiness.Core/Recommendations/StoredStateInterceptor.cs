using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Readiness.Core.Milestones;
using Readiness.Core.Reviews;

namespace Readiness.Core.Recommendations;

/// <summary>
/// Refreshes the stored state (<see cref="StoredState"/>) of every recommendation a save touches, after the save
/// and inside the same transaction (one is begun when the caller has none), so no reader ever sees the change without
/// its state. Touched: a recommendation added or edited, a milestone added, edited or removed, a review's code changed.
/// </summary>
public sealed class StoredStateInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private HashSet<Guid>? touched;
    private HashSet<Guid>? reviews;
    private IDbContextTransaction? own;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        // EF Core does not report a save refused for a concurrency conflict as failed: end the transaction it ran in (EF
        // rolled its changes back to a savepoint) before the next save, or that save would run in it and never commit.
        await EndAsync();
        if (eventData.Context is { } context && Collect(context) && context.Database.CurrentTransaction is null)
        {
            own = await context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData,
        int result,
        CancellationToken cancellationToken = default
    )
    {
        if (eventData.Context is not { } context || touched is null)
        {
            return result;
        }

        try
        {
            if (reviews is { Count: > 0 })
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
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await EndAsync();
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await EndAsync();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await EndAsync();

    /// <summary>Synchronous saves (the data protection key store's) must not touch recommendations.</summary>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is { } context && Collect(context)
            ? throw new NotSupportedException("Save recommendations asynchronously: their stored state is refreshed with async SQL.")
            : result;

    private bool Collect(DbContext context)
    {
        touched = null;
        reviews = null;
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

        return touched is not null;
    }

    private async ValueTask EndAsync()
    {
        touched = null;
        reviews = null;
        if (own is not null)
        {
            await own.DisposeAsync();
            own = null;
        }
    }
}
