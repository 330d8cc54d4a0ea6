namespace Readiness.Core.Reminders;

public enum NotificationState
{
    Pending,
    Sending,
    Sent,
    Failed,
    Cancelled,
}

/// <summary>
/// The outbox: one reminder to one person about one thing at one stage. <see cref="Key"/> is unique, so a rerun, a
/// retry or a second instance can never queue the same reminder twice.
/// </summary>
public class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Key { get; set; }
    public Guid RecipientUserId { get; set; }
    public required string Email { get; set; }
    public required string RecipientName { get; set; }
    public required string Kind { get; set; }
    public required string Stage { get; set; }
    public required string Subject { get; set; }

    /// <summary>One line about the item, for the email and for a digest.</summary>
    public required string Line { get; set; }

    /// <summary>Path of the page the email links to, under the app's public address.</summary>
    public required string Link { get; set; }
    public string? SubjectEntityType { get; set; }
    public Guid? SubjectEntityId { get; set; }

    /// <summary>The recommendation's reference, so a digest can group its items by recommendation.</summary>
    public string? Reference { get; set; }

    /// <summary>
    /// The date the reminder is about (a due date, a sent-back date, a period): if it has changed by sending time, the reminder is
    /// cancelled.
    /// </summary>
    public DateOnly? SubjectDate { get; set; }
    public NotificationState State { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}
