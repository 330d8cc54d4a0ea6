using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Reminders;

public sealed record SendSummary(int Sent, int Failed, int Cancelled, int Emails);

/// <summary>
/// Queues planned reminders (a key already queued is skipped, whoever queued it) and sends what is due. Sending claims
/// rows with FOR UPDATE SKIP LOCKED and a lease, so two instances never pick the same reminder; a failure is retried
/// with backoff and never dropped; a reminder no longer true when its turn comes is cancelled, not sent.
/// </summary>
public sealed class NotificationOutbox(
    ReadinessDbContext db,
    IEmailSender sender,
    IOptions<ReadinessOptions> app,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    Telemetry.ReadinessMetrics metrics,
    DigestChanges digestChanges,
    ILogger<NotificationOutbox> logger
)
{
    private string Base => app.Value.PublicBaseUrl;

    private string Marking => app.Value.ProtectiveMarking.ToUpperInvariant();

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);

    public async Task<int> EnqueueAsync(IReadOnlyList<Notification> planned, CancellationToken cancellationToken)
    {
        await HoldForWeeklyDigestsAsync(planned, cancellationToken);
        var queued = 0;
        foreach (var chunk in planned.Chunk(options.Value.BatchSize))
        {
            queued += await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO notifications (id, key, recipient_user_id, email, recipient_name, kind, stage, subject, line, link,
                    subject_entity_type, subject_entity_id, reference, subject_date, state, attempts, created_at, next_attempt_at)
                SELECT * FROM unnest(@ids, @keys, @recipients, @emails, @names, @kinds, @stages, @subjects, @lines, @links,
                    @types, @entities, @references, @dates, @states, @attempts, @created, @next)
                ON CONFLICT (key) DO NOTHING
                """,
                [
                    Array("ids", chunk.Select(n => n.Id)),
                    Array("keys", chunk.Select(n => n.Key)),
                    Array("recipients", chunk.Select(n => n.RecipientUserId)),
                    Array("emails", chunk.Select(n => n.Email)),
                    Array("names", chunk.Select(n => n.RecipientName)),
                    Array("kinds", chunk.Select(n => n.Kind)),
                    Array("stages", chunk.Select(n => n.Stage)),
                    Array("subjects", chunk.Select(n => n.Subject)),
                    Array("lines", chunk.Select(n => n.Line)),
                    Array("links", chunk.Select(n => n.Link)),
                    Array("types", chunk.Select(n => n.SubjectEntityType)),
                    Array("entities", chunk.Select(n => n.SubjectEntityId)),
                    Array("references", chunk.Select(n => n.Reference)),
                    Array("dates", chunk.Select(n => n.SubjectDate)),
                    Array("states", chunk.Select(n => n.State.ToString())),
                    Array("attempts", chunk.Select(n => n.Attempts)),
                    Array("created", chunk.Select(n => n.CreatedAt)),
                    Array("next", chunk.Select(n => n.NextAttemptAt)),
                ],
                cancellationToken
            );
        }

        return queued;
    }

    /// <summary>
    /// A weekly digest reader's reminders wait until Monday, then go out together; one no longer true by then is cancelled.
    /// </summary>
    private async Task HoldForWeeklyDigestsAsync(IReadOnlyList<Notification> planned, CancellationToken cancellationToken)
    {
        var recipients = planned.Select(n => n.RecipientUserId).Distinct().ToList();
        var weekly = (
            await db
                .Users.AsNoTracking()
                .Where(u => recipients.Contains(u.Id) && u.NotificationPreference == NotificationPreference.WeeklyDigest)
                .Select(u => u.Id)
                .ToListAsync(cancellationToken)
        ).ToHashSet();
        var today = clock.Today();
        var monday = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7);
        var from = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(monday.ToDateTime(TimeOnly.MinValue), LondonTime.Zone));
        foreach (var notification in planned.Where(n => weekly.Contains(n.RecipientUserId)))
        {
            notification.NextAttemptAt = from > notification.NextAttemptAt ? from : notification.NextAttemptAt;
        }
    }

    public async Task<SendSummary> SendDueAsync(CancellationToken cancellationToken)
    {
        var total = new SendSummary(0, 0, 0, 0);
        while (true)
        {
            var claimed = await ClaimAsync(cancellationToken);
            if (claimed.Count == 0)
            {
                return total;
            }

            var batch = await SendBatchAsync(claimed, cancellationToken);
            total = new SendSummary(
                total.Sent + batch.Sent,
                total.Failed + batch.Failed,
                total.Cancelled + batch.Cancelled,
                total.Emails + batch.Emails
            );
            // A stopping instance throws here, after saving what it sent, so Hangfire hands the rest of the run to another server.
            cancellationToken.ThrowIfCancellationRequested();
            if (batch.Sent == 0 && batch.Cancelled == 0)
            {
                return total;
            }
        }
    }

    private async Task<List<Notification>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = await OutboxClaim.ClaimAsync(db, Outbox.Notifications, now, Lease, options.Value.BatchSize, cancellationToken);
        db.ChangeTracker.Clear();
        return await db.Notifications.Where(n => ids.Contains(n.Id)).ToListAsync(cancellationToken);
    }

    private async Task<SendSummary> SendBatchAsync(List<Notification> claimed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stale = await NoLongerTrueAsync(claimed, cancellationToken);
        foreach (var notification in claimed.Where(n => stale.Contains(n.Id)))
        {
            notification.State = NotificationState.Cancelled;
            notification.LeaseUntil = null;
        }

        var live = claimed.Where(n => !stale.Contains(n.Id)).ToList();
        var recipients = live.Select(n => n.RecipientUserId).Distinct().ToList();
        var digests = await db
            .Users.AsNoTracking()
            .Where(u => recipients.Contains(u.Id) && u.NotificationPreference != NotificationPreference.Immediate)
            .ToDictionaryAsync(u => u.Id, u => u.NotificationPreference, cancellationToken);
        var emails = live.GroupBy(n => digests.ContainsKey(n.RecipientUserId) ? n.RecipientUserId.ToString() : n.Id.ToString())
            .Select(g => g.OrderBy(n => n.CreatedAt).ThenBy(n => n.Subject, StringComparer.Ordinal).ToList())
            .ToList();
        var changes = digests.Count == 0 ? [] : await digestChanges.SinceLastDigestAsync(digests.Keys, now, cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        var outcomes = new (bool Known, string? Error)[emails.Count];
        try
        {
            var messages = emails
                .Select(items =>
                    digests.ContainsKey(items[0].RecipientUserId)
                        ? ReminderEmail.Digest(
                            Base,
                            Marking,
                            digests[items[0].RecipientUserId] == NotificationPreference.WeeklyDigest ? "weekly" : "daily",
                            items,
                            changes.GetValueOrDefault(items[0].RecipientUserId) ?? []
                        )
                        : ReminderEmail.Compose(Base, Marking, items)
                )
                .ToList();
            await sender.SendAsync(messages, (i, error) => outcomes[i] = (true, error), cancellationToken);
        }
        catch (Exception exception)
        {
            // Whatever the sender reported before it failed is recorded below; the rest go back to the queue.
            logger.LogError(exception, "The email sender stopped part-way; what it reported is recorded and the rest will be sent later.");
        }

        var (sent, failed) = (0, 0);
        foreach (var notification in emails.Where((_, i) => !outcomes[i].Known).SelectMany(items => items))
        {
            notification.State = NotificationState.Pending;
            notification.LeaseUntil = null;
            notification.Attempts--;
        }

        foreach (var (items, error) in emails.Zip(outcomes).Where(e => e.Second.Known).Select(e => (e.First, e.Second.Error)))
        {
            foreach (var notification in items)
            {
                notification.LeaseUntil = null;
                if (error is null)
                {
                    notification.State = NotificationState.Sent;
                    notification.SentAt = now;
                    notification.LastError = null;
                    sent++;
                }
                else
                {
                    notification.State = NotificationState.Failed;
                    notification.LastError = error.Length > 2000 ? error[..2000] : error;
                    notification.NextAttemptAt = now + Backoff(notification.Attempts);
                    failed++;
                }
            }
        }

        // Whatever was sent is recorded even when the instance is stopping: an unrecorded email would be sent again.
        await db.SaveChangesAsync(CancellationToken.None);
        metrics.RemindersSent(sent);
        metrics.RemindersFailed(failed);
        logger.LogInformation(
            "Reminders: {Sent} sent in {Emails} emails ({Milliseconds} ms), {Failed} failed, {Cancelled} cancelled.",
            sent,
            emails.Count,
            stopwatch.ElapsedMilliseconds,
            failed,
            stale.Count
        );
        return new SendSummary(sent, failed, stale.Count, outcomes.Count(o => o.Known && o.Error is null));
    }

    /// <summary>How long before the next attempt after this many: doubling from a minute, at most six hours. Webhooks use it too.</summary>
    internal static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(Math.Pow(2, Math.Max(0, attempts - 1)), MaxBackoff.TotalMinutes));

    /// <summary>
    /// Reminders whose reason has gone: the milestone was completed or re-dated, the update posted, the evidence resubmitted.
    /// </summary>
    private async Task<HashSet<Guid>> NoLongerTrueAsync(List<Notification> claimed, CancellationToken cancellationToken)
    {
        var milestoneIds = claimed.Where(n => n.SubjectEntityType == "Milestone").Select(n => n.SubjectEntityId!.Value).Distinct().ToList();
        var openMilestones = await db
            .Milestones.AsNoTracking()
            .Where(m => milestoneIds.Contains(m.Id))
            .Where(RecommendationRules.IsMilestoneLive)
            .ToDictionaryAsync(m => m.Id, m => m.CurrentDueDate, cancellationToken);
        var recommendationIds = claimed
            .Where(n => n.SubjectEntityType == "Recommendation")
            .Select(n => n.SubjectEntityId!.Value)
            .Distinct()
            .ToList();
        var periods = claimed.Where(n => n.SubjectEntityType == "Recommendation").Select(n => n.SubjectDate!.Value).Distinct().ToList();
        var stillDue = new HashSet<(Guid, DateOnly)>();
        foreach (var period in periods)
        {
            var due = await db
                .Recommendations.AsNoTracking()
                .Where(r => recommendationIds.Contains(r.Id))
                .Where(RecommendationRules.IsUpdateDue.On(period))
                .Select(r => r.Id)
                .ToListAsync(cancellationToken);
            stillDue.UnionWith(due.Select(id => (id, period)));
        }

        var evidenceIds = claimed
            .Where(n => n.SubjectEntityType == "EvidenceItem")
            .Select(n => n.SubjectEntityId!.Value)
            .Distinct()
            .ToList();
        var sentBack = await db
            .EvidenceItems.AsNoTracking()
            .Where(e => evidenceIds.Contains(e.Id) && e.Status == EvidenceStatus.SentBack)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);

        var responseIds = claimed
            .Where(n => n.SubjectEntityType == ReminderPlanner.ResponseSubject)
            .Select(n => n.SubjectEntityId!.Value)
            .ToList();
        var today = clock.Today();
        var stillAwaitingResponse = (
            await db
                .Recommendations.AsNoTracking()
                .Where(r => responseIds.Contains(r.Id))
                .Where(RecommendationRules.IsResponseOverdue.On(today))
                .Select(r => r.Id)
                .ToListAsync(cancellationToken)
        ).ToHashSet();

        var validationIds = claimed
            .Where(n => n.SubjectEntityType == ReminderPlanner.ValidationSubject)
            .Select(n => n.SubjectEntityId!.Value)
            .ToList();
        var awaitingValidation = await db
            .Recommendations.AsNoTracking()
            .Where(r => validationIds.Contains(r.Id))
            .Where(RecommendationRules.IsAwaitingValidation)
            .ToDictionaryAsync(r => r.Id, r => r.ValidateBy, cancellationToken);
        var expiredIds = claimed
            .Where(n => n.SubjectEntityType == ReminderPlanner.ExpiredEvidenceSubject)
            .Select(n => n.SubjectEntityId!.Value)
            .ToList();
        var stillExpired = (
            await db
                .EvidenceItems.AsNoTracking()
                .Where(e => expiredIds.Contains(e.Id))
                .Where(RecommendationRules.IsEvidenceExpired.On(today))
                .ToDictionaryAsync(e => e.Id, e => e.ExpiresOn, cancellationToken)
        );

        var unentitled = await NoLongerEntitledAsync(claimed, cancellationToken);
        return claimed
            .Where(n =>
                unentitled.Contains(n.Id)
                || n.SubjectEntityType switch
                {
                    "Milestone" => !openMilestones.TryGetValue(n.SubjectEntityId!.Value, out var due) || due != n.SubjectDate,
                    "Recommendation" => !stillDue.Contains((n.SubjectEntityId!.Value, n.SubjectDate!.Value)),
                    "EvidenceItem" => !sentBack.Contains(n.SubjectEntityId!.Value),
                    ReminderPlanner.ResponseSubject => !stillAwaitingResponse.Contains(n.SubjectEntityId!.Value),
                    ReminderPlanner.ValidationSubject => !awaitingValidation.TryGetValue(n.SubjectEntityId!.Value, out var by)
                        || by != n.SubjectDate,
                    ReminderPlanner.ExpiredEvidenceSubject => !stillExpired.TryGetValue(n.SubjectEntityId!.Value, out var expires)
                        || expires != n.SubjectDate,
                    _ => false,
                }
            )
            .Select(n => n.Id)
            .ToHashSet();
    }

    /// <summary>
    /// Reminders whose recipient is no longer active, no longer works on the item (moved to another agency) or no longer
    /// has need to know it. Board report links go only to active executives and the programme office.
    /// </summary>
    private async Task<HashSet<Guid>> NoLongerEntitledAsync(List<Notification> claimed, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var userIds = claimed.Select(n => n.RecipientUserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        var ids = claimed.Where(n => n.SubjectEntityId is not null).Select(n => n.SubjectEntityId!.Value).Distinct().ToList();
        var milestones = await db
            .Milestones.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => (m.RecommendationId, (Guid?)m.DeliveringAgencyId), cancellationToken);
        var evidence = await db
            .EvidenceItems.AsNoTracking()
            .Where(e => ids.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => (e.RecommendationId, (Guid?)null), cancellationToken);
        (Guid RecommendationId, Guid? DeliveringAgencyId)? Concerning(Notification n) =>
            n.SubjectEntityType switch
            {
                "Milestone" when milestones.TryGetValue(n.SubjectEntityId!.Value, out var m) => m,
                "EvidenceItem" or ReminderPlanner.ExpiredEvidenceSubject when evidence.TryGetValue(n.SubjectEntityId!.Value, out var e) =>
                    e,
                "Recommendation" or ReminderPlanner.ResponseSubject or ReminderPlanner.ValidationSubject => (
                    n.SubjectEntityId!.Value,
                    null
                ),
                _ => null,
            };
        var recommendationIds = claimed
            .Select(Concerning)
            .Where(c => c is not null)
            .Select(c => c!.Value.RecommendationId)
            .Distinct()
            .ToList();
        var recommendations = await db
            .Recommendations.AsNoTracking()
            .Include(r => r.SupportingAgencies)
            .Where(r => recommendationIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);

        bool Entitled(Notification n)
        {
            if (!users.TryGetValue(n.RecipientUserId, out var user) || !user.IsActive)
            {
                return false;
            }

            if (n.SubjectEntityType == nameof(Reports.BoardReportSnapshot))
            {
                return user.Role is Role.Executive or Role.ProgrammeOffice;
            }

            if (Concerning(n) is not { } item || !recommendations.TryGetValue(item.RecommendationId, out var recommendation))
            {
                return true;
            }

            var worksOnIt =
                user.Role == Role.ProgrammeOffice
                || (
                    user.AgencyId is { } agency
                    && (agency == item.DeliveringAgencyId || RecommendationOwnership.Of(recommendation).Includes(agency))
                );
            return worksOnIt && NeedToKnow.MayRead(NeedToKnow.ReaderFor(user, today), recommendation);
        }

        return claimed.Where(n => !Entitled(n)).Select(n => n.Id).ToHashSet();
    }

    private static NpgsqlParameter Array<T>(string name, IEnumerable<T> values)
    {
        var array = values.ToArray();
        return typeof(T) == typeof(DateOnly?)
            ? new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = array }
            : new NpgsqlParameter(name, array);
    }
}
