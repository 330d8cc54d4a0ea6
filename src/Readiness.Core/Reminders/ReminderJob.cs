using Microsoft.Extensions.Logging;

namespace Readiness.Core.Reminders;

public sealed record ReminderRunSummary(int Planned, int Queued, SendSummary Sending);

/// <summary>The daily reminder job: plan from today's data, queue what is new, send what is due. Safe to run again at any time.</summary>
public sealed class ReminderJob(ReminderPlanner planner, NotificationOutbox outbox, TimeProvider clock, ILogger<ReminderJob> logger)
{
    public async Task<ReminderRunSummary> ExecuteAsync(CancellationToken cancellationToken)
    {
        var planned = await planner.PlanAsync(clock.Today(), clock.GetUtcNow(), cancellationToken);
        var queued = await outbox.EnqueueAsync(planned, cancellationToken);
        var sending = await outbox.SendDueAsync(cancellationToken);
        logger.LogInformation(
            "Reminder run: {Planned} due, {Queued} newly queued, {Sent} sent, {Failed} failed, {Cancelled} cancelled.",
            planned.Count,
            queued,
            sending.Sent,
            sending.Failed,
            sending.Cancelled
        );
        return new ReminderRunSummary(planned.Count, queued, sending);
    }
}
