using System.Text.Json;

namespace Readiness.Core.Auditing;

public class AuditEvent
{
    public long Id { get; set; }

    /// <summary>The writing transaction's id, set by the database: the change feed's order (<see cref="ChangeFeed"/>).</summary>
    public long TransactionId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    public Guid? ActorAgencyId { get; set; }

    /// <summary>The lead the actor was covering for, when a deputy acted on the lead's recommendation.</summary>
    public Guid? OnBehalfOfUserId { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }

    /// <summary>The recommendation the change belongs to, so its page can show its history in one query.</summary>
    public Guid? RecommendationId { get; set; }
    public required string Action { get; set; }
    public JsonDocument? OldValues { get; set; }
    public JsonDocument? NewValues { get; set; }
}
