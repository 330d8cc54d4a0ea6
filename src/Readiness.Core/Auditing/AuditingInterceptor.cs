using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;

namespace Readiness.Core.Auditing;

/// <summary>
/// Adds an audit event for every change to an edited entity, inside the same SaveChanges and so the same transaction. One
/// for the app: the actor is the one of the scope the context serves (<see cref="ReadinessDbContext.For"/>).
/// </summary>
public sealed class AuditingInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };
    private static readonly HashSet<string> Ignored = [nameof(Entity.Version), nameof(Recommendation.SearchVector)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEvents(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default
    )
    {
        AddAuditEvents(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddAuditEvents(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var actor = (context as ReadinessDbContext)?.AuditActors?.Current ?? AuditActor.System("app");
        var now = clock.GetUtcNow();
        var events = context
            .ChangeTracker.Entries<Entity>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => ToAuditEvent(e, actor, now))
            .OfType<AuditEvent>()
            .ToList();
        context.Set<AuditEvent>().AddRange(events);
    }

    /// <summary>File contents (an import, an issued PDF) are recorded by size, not copied into the audit trail.</summary>
    private static object? Loggable(object? value) => value is byte[] bytes ? $"({bytes.Length:N0} bytes)" : value;

    private static AuditEvent? ToAuditEvent(EntityEntry<Entity> entry, AuditActor actor, DateTimeOffset now)
    {
        var properties = entry.Properties.Where(p => !Ignored.Contains(p.Metadata.Name)).ToList();
        Dictionary<string, object?>? oldValues = null;
        Dictionary<string, object?>? newValues = null;
        switch (entry.State)
        {
            case EntityState.Added:
                newValues = properties.ToDictionary(p => p.Metadata.Name, p => Loggable(p.CurrentValue));
                break;
            case EntityState.Deleted:
                oldValues = properties.ToDictionary(p => p.Metadata.Name, p => Loggable(p.OriginalValue));
                break;
            default:
                var changed = properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                if (changed.Count == 0)
                {
                    return null;
                }

                oldValues = changed.ToDictionary(p => p.Metadata.Name, p => Loggable(p.OriginalValue));
                newValues = changed.ToDictionary(p => p.Metadata.Name, p => Loggable(p.CurrentValue));
                break;
        }

        return new AuditEvent
        {
            OccurredAt = now,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            ActorAgencyId = actor.AgencyId,
            OnBehalfOfUserId = actor.OnBehalfOfUserId,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = entry.Entity.Id,
            RecommendationId = RecommendationIdOf(entry),
            Action = entry.State.ToString(),
            OldValues = oldValues is null ? null : JsonSerializer.SerializeToDocument(oldValues, JsonOptions),
            NewValues = newValues is null ? null : JsonSerializer.SerializeToDocument(newValues, JsonOptions),
        };
    }

    private static Guid? RecommendationIdOf(EntityEntry<Entity> entry) =>
        entry.Entity switch
        {
            Recommendation recommendation => recommendation.Id,
            _ => entry.Metadata.FindProperty(nameof(Milestones.Milestone.RecommendationId)) is { } property
                ? entry.Property(property.Name).CurrentValue as Guid?
                : null,
        };
}
