namespace Readiness.Core.Reminders;

public enum NotificationState
{
    Pending,
    Sent,
    Failed,
    Cancelled,
}

/// <summary>One reminder to one person about one thing at one stage; <see cref="Key"/> is unique so it is never sent twice.</summary>
public class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Key { get; set; }
    public Guid RecipientUserId { get; set; }
    public required string Email { get; set; }
    public required string Kind { get; set; }
    public required string Stage { get; set; }
    public required string Subject { get; set; }
    public string? SubjectEntityType { get; set; }
    public Guid? SubjectEntityId { get; set; }
    public NotificationState State { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
