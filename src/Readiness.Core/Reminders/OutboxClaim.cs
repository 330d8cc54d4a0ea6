using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readiness.Core.Data;

namespace Readiness.Core.Reminders;

/// <summary>The outboxes: reminder emails and webhook deliveries, each claimed the same way.</summary>
public enum Outbox
{
    Notifications,
    WebhookDeliveries,
}

/// <summary>
/// Claims due rows of an outbox for this sender: pending or failed rows whose next attempt is due, and rows another
/// sender claimed whose lease has run out. FOR UPDATE SKIP LOCKED means two instances never claim the same row.
/// </summary>
internal static class OutboxClaim
{
    public static Task<List<Guid>> ClaimAsync(
        ReadinessDbContext db,
        Outbox outbox,
        DateTimeOffset now,
        TimeSpan lease,
        int batch,
        CancellationToken cancellationToken
    ) =>
        db
            .Database.SqlQueryRaw<Guid>(
                outbox switch
                {
                    Outbox.Notifications => Sql("notifications"),
                    _ => Sql("webhook_deliveries"),
                },
                new NpgsqlParameter("lease", now + lease),
                new NpgsqlParameter("now", now),
                new NpgsqlParameter("batch", batch)
            )
            .ToListAsync(cancellationToken);

    private static string Sql(string table) =>
        $"""
            UPDATE {table} SET state = 'Sending', lease_until = @lease, attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM {table}
                WHERE (state IN ('Pending', 'Failed') AND next_attempt_at <= @now) OR (state = 'Sending' AND lease_until < @now)
                ORDER BY created_at
                LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """;
}
