using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;

namespace Readiness.Core.Auditing;

/// <summary>One change to a recommendation or something it holds, as the change feed gives it: which fields, never their values.</summary>
public sealed record FeedChange(
    Guid EntityId,
    string Cursor,
    DateTimeOffset ChangedAt,
    Guid RecommendationId,
    string Entity,
    string Action,
    IReadOnlyList<string> Fields
);

/// <summary>
/// Changes to recommendations in the order they became visible, from the audit trail, for systems that keep a copy
/// (BI tools, agencies' own trackers). A cursor is the writing transaction and the event; only transactions older than
/// every one still running are given, so a change committed late by a slower transaction is never skipped past, and
/// each change is given exactly once across pages.
/// </summary>
public sealed class ChangeFeed(ReadinessDbContext db)
{
    /// <summary>Up to <paramref name="size"/> changes after the cursor, and whether more were waiting.</summary>
    public async Task<(IReadOnlyList<FeedChange> Changes, bool More)> PageAsync(
        string? after,
        int size,
        CancellationToken cancellationToken
    )
    {
        var limit = size + 1;
        var (transaction, id) = Parse(after) ?? (0L, 0L);
        var rows = await db
            .Database.SqlQuery<Row>(
                $"""
                SELECT id, transaction_id, occurred_at, recommendation_id, entity_id, entity_type, action, old_values, new_values
                FROM audit_events
                WHERE recommendation_id IS NOT NULL
                  AND (transaction_id, id) > ({transaction}, {id})
                  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                ORDER BY transaction_id, id
                LIMIT {limit}
                """
            )
            .ToListAsync(cancellationToken);
        var changes = rows.Take(size)
            .Select(r => new FeedChange(
                r.EntityId,
                Format(r.TransactionId, r.Id),
                r.OccurredAt,
                r.RecommendationId,
                r.EntityType,
                r.Action,
                Fields(r.NewValues ?? r.OldValues)
            ))
            .ToList();
        return (changes, rows.Count > size);
    }

    /// <summary>The cursor of the latest change visible now: reading from it gives only what changes after.</summary>
    public async Task<string> EndAsync(CancellationToken cancellationToken)
    {
        var last = await db
            .Database.SqlQuery<Row>(
                $"""
                SELECT id, transaction_id, occurred_at, recommendation_id, entity_id, entity_type, action, old_values, new_values
                FROM audit_events
                WHERE recommendation_id IS NOT NULL AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                ORDER BY transaction_id DESC, id DESC
                LIMIT 1
                """
            )
            .ToListAsync(cancellationToken);
        return last.Count == 0 ? "" : Format(last[0].TransactionId, last[0].Id);
    }

    /// <summary>A cursor is opaque to callers; null when it is not one this feed gave.</summary>
    public static (long Transaction, long Id)? Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (0, 0);
        }

        var parts = cursor.Split('-');
        return
            parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var transaction)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (transaction, id)
            : null;
    }

    private static string Format(long transaction, long id) => string.Create(CultureInfo.InvariantCulture, $"{transaction}-{id}");

    private static List<string> Fields(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long TransactionId { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public Guid RecommendationId { get; init; }
        public Guid EntityId { get; init; }
        public string EntityType { get; init; } = "";
        public string Action { get; init; } = "";
        public string? OldValues { get; init; }
        public string? NewValues { get; init; }
    }
}
