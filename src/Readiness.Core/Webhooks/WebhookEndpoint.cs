using Readiness.Core.Data;

namespace Readiness.Core.Webhooks;

/// <summary>What a webhook endpoint is sent.</summary>
[Flags]
public enum WebhookEvents
{
    None = 0,
    RecommendationChanged = 1,
    MilestoneOverdue = 2,
    EvidenceDecided = 4,
    ReportIssued = 8,
}

/// <summary>
/// Another system's HTTPS address that is told when something changes. Deliveries are signed with the endpoint's
/// secret (kept encrypted with the app's data protection keys) and carry references, markings, links and the names
/// of what changed, never wording.
/// </summary>
public class WebhookEndpoint : Entity
{
    public required string Name { get; set; }
    public required string Url { get; set; }

    /// <summary>The signing secret, encrypted; shown in clear once, when the endpoint is registered.</summary>
    public required string ProtectedSecret { get; set; }
    public WebhookEvents Events { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}

public enum WebhookDeliveryState
{
    Pending,
    Sending,
    Delivered,
    Failed,
    GaveUp,
}

/// <summary>
/// One event for one endpoint: the outbox row. Its key (event and endpoint) is unique, so an event is queued once
/// however many times or instances look for it; sending claims rows as the email outbox does.
/// </summary>
public class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Key { get; set; }
    public Guid EndpointId { get; set; }
    public WebhookEndpoint? Endpoint { get; set; }
    public required string EventType { get; set; }
    public required string Payload { get; set; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
