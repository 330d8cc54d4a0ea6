using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Reminders;

public sealed record Recipient(Guid Id, string Email, string Name);

/// <summary>
/// Works out, from the data as it stands today, who needs telling about what. Stages are computed from today's
/// position rather than from "exactly N days", so a day the job did not run is caught up on the next run, and only the
/// most advanced stage that applies is sent.
/// </summary>
public sealed class ReminderPlanner(ReadinessDbContext db, IOptions<ReminderOptions> options)
{
    private ReminderOptions Options => options.Value;

    public async Task<IReadOnlyList<Notification>> PlanAsync(DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var leads = (
            await db
                .Users.AsNoTracking()
                .Where(u => u.IsActive && u.Role == Role.AgencyLead && u.AgencyId != null)
                .Select(u => new
                {
                    AgencyId = u.AgencyId!.Value,
                    u.Id,
                    u.Email,
                    u.DisplayName,
                })
                .ToListAsync(cancellationToken)
        ).GroupBy(u => u.AgencyId).ToDictionary(g => g.Key, g => g.Select(u => new Recipient(u.Id, u.Email, u.DisplayName)).ToList());
        var office = await db
            .Users.AsNoTracking()
            .Where(u => u.IsActive && u.Role == Role.ProgrammeOffice)
            .Select(u => new Recipient(u.Id, u.Email, u.DisplayName))
            .ToListAsync(cancellationToken);
        List<Recipient> LeadsOf(Guid agencyId) => leads.GetValueOrDefault(agencyId) ?? [];

        var planned = new List<Notification>();
        planned.AddRange(await MilestonesAsync(today, now, LeadsOf, office, cancellationToken));
        planned.AddRange(await UpdatesDueAsync(today, now, LeadsOf, cancellationToken));
        planned.AddRange(await EvidenceSentBackAsync(now, LeadsOf, cancellationToken));
        planned.AddRange(await ResponsesOverdueAsync(today, now, LeadsOf, cancellationToken));
        return await CoveredAsync(planned, today, cancellationToken);
    }

    /// <summary>
    /// While someone has cover, their reminders go to their deputy instead, each under its own key; a deputy who has the
    /// same reminder in their own right gets it once.
    /// </summary>
    private async Task<IReadOnlyList<Notification>> CoveredAsync(
        List<Notification> planned,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var deputies = await db
            .Covers.AsNoTracking()
            .Where(Cover.InForce(today))
            .Where(c => c.Deputy!.IsActive)
            .Select(c => new { c.LeadUserId, Deputy = new Recipient(c.Deputy!.Id, c.Deputy.Email, c.Deputy.DisplayName) })
            .ToListAsync(cancellationToken);
        var byLead = deputies.DistinctBy(d => d.LeadUserId).ToDictionary(d => d.LeadUserId, d => d.Deputy);
        foreach (var notification in planned)
        {
            if (byLead.TryGetValue(notification.RecipientUserId, out var deputy))
            {
                notification.Key = $"{notification.Key}:cover:{deputy.Id}";
                notification.RecipientUserId = deputy.Id;
                notification.Email = deputy.Email;
                notification.RecipientName = deputy.Name;
            }
        }

        return [.. planned.DistinctBy(n => (n.Kind, n.Stage, n.SubjectEntityId, n.RecipientUserId))];
    }

    private async Task<IEnumerable<Notification>> MilestonesAsync(
        DateOnly today,
        DateTimeOffset now,
        Func<Guid, List<Recipient>> leadsOf,
        List<Recipient> office,
        CancellationToken cancellationToken
    )
    {
        var horizon = today.AddDays(Options.DueSoonDays.Max());
        var milestones = await db
            .Milestones.AsNoTracking()
            .Where(m => m.CurrentDueDate <= horizon)
            .Where(RecommendationRules.IsMilestoneLive)
            .Select(m => new
            {
                m.Id,
                m.Title,
                m.CurrentDueDate,
                m.RecommendationId,
                m.Recommendation!.Reference,
                m.DeliveringAgencyId,
                m.Recommendation.Marking,
                Owner = m.Owner != null && m.Owner.IsActive ? new Recipient(m.Owner.Id, m.Owner.Email, m.Owner.DisplayName) : null,
            })
            .ToListAsync(cancellationToken);

        var planned = new List<Notification>();
        foreach (var m in milestones)
        {
            var owners = m.Owner is { } owner ? [owner] : leadsOf(m.DeliveringAgencyId);
            var due = m.CurrentDueDate.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
            var daysLate = today.DayNumber - m.CurrentDueDate.DayNumber;
            string stage,
                kind,
                subject,
                line;
            var recipients = new List<Recipient>(owners);
            if (daysLate <= 0)
            {
                var threshold = Options.DueSoonDays.Where(n => -daysLate <= n).Min();
                (kind, stage) = ("milestone-due-soon", $"due-soon-{threshold}");
                subject = $"Milestone due {(daysLate == 0 ? "today" : $"in {-daysLate} days")}: {m.Reference}";
                line = $"{Naming(m.Reference, "a milestone", m.Title, m.Marking)} is due on {due}.";
            }
            else
            {
                var occurrence = (daysLate - 1) / Options.OverdueRepeatDays;
                (kind, stage) = ("milestone-overdue", $"overdue-{occurrence}");
                subject = $"Milestone overdue by {daysLate} days: {m.Reference}";
                line = $"{Naming(m.Reference, "a milestone", m.Title, m.Marking)} was due on {due} and is {daysLate} days overdue.";
                if (daysLate > Options.EscalateToLeadAfterDays)
                {
                    recipients.AddRange(leadsOf(m.DeliveringAgencyId));
                }

                if (daysLate > Options.EscalateToProgrammeOfficeAfterDays)
                {
                    recipients.AddRange(office);
                }
            }

            planned.AddRange(
                recipients
                    .DistinctBy(r => r.Id)
                    .Select(r =>
                        New(
                            $"milestone:{m.Id}:due:{m.CurrentDueDate:yyyy-MM-dd}:{stage}:{r.Id}",
                            r,
                            kind,
                            stage,
                            subject,
                            line,
                            Links.CompleteMilestone(m.Id),
                            "Milestone",
                            m.Id,
                            m.Reference,
                            m.CurrentDueDate,
                            now
                        )
                    )
            );
        }

        return planned;
    }

    private async Task<IEnumerable<Notification>> UpdatesDueAsync(
        DateOnly today,
        DateTimeOffset now,
        Func<Guid, List<Recipient>> leadsOf,
        CancellationToken cancellationToken
    )
    {
        if (today.Day < Options.UpdateDueFromDay)
        {
            return [];
        }

        var period = today.StartOfMonth();
        var due = await db
            .Recommendations.AsNoTracking()
            .Where(RecommendationRules.IsUpdateDue.On(period))
            .Select(r => new
            {
                r.Id,
                r.Reference,
                r.Title,
                r.LeadAgencyId,
                r.Marking,
                Owner = r.Owner != null && r.Owner.IsActive ? new Recipient(r.Owner.Id, r.Owner.Email, r.Owner.DisplayName) : null,
            })
            .ToListAsync(cancellationToken);
        var month = period.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        return due.SelectMany(r =>
            (r.Owner is { } owner ? [owner] : leadsOf(r.LeadAgencyId)).Select(recipient =>
                New(
                    $"recommendation:{r.Id}:update-due:{period:yyyy-MM}:{recipient.Id}",
                    recipient,
                    "update-due",
                    $"update-due-{period:yyyy-MM}",
                    $"Progress update due for {month}: {r.Reference}",
                    $"{Naming(r.Reference, "the recommendation", r.Title, r.Marking)} has no progress update for {month}.",
                    Links.PostUpdate(r.Id),
                    "Recommendation",
                    r.Id,
                    r.Reference,
                    period,
                    now
                )
            )
        );
    }

    private async Task<IEnumerable<Notification>> EvidenceSentBackAsync(
        DateTimeOffset now,
        Func<Guid, List<Recipient>> leadsOf,
        CancellationToken cancellationToken
    )
    {
        var before = now.AddDays(-Options.EvidenceSentBackDays);
        var waiting = await db
            .EvidenceItems.AsNoTracking()
            .Where(e => e.Status == EvidenceStatus.SentBack && e.LastSentBackAt <= before)
            .Select(e => new
            {
                e.Id,
                e.Title,
                e.LastSentBackAt,
                e.Recommendation!.Reference,
                e.Recommendation.LeadAgencyId,
                e.Recommendation.Marking,
                Submitter = e.SubmittedBy != null && e.SubmittedBy.IsActive
                    ? new Recipient(e.SubmittedBy.Id, e.SubmittedBy.Email, e.SubmittedBy.DisplayName)
                    : null,
            })
            .ToListAsync(cancellationToken);
        return waiting.SelectMany(e =>
        {
            var sentBack = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.LastSentBackAt!.Value, LondonTime.Zone).DateTime);
            return (e.Submitter is { } submitter ? [submitter] : leadsOf(e.LeadAgencyId)).Select(recipient =>
                New(
                    $"evidence:{e.Id}:sent-back:{e.LastSentBackAt:yyyyMMddHHmmss}:{recipient.Id}",
                    recipient,
                    "evidence-sent-back",
                    "sent-back",
                    $"Evidence sent back and not yet resubmitted: {e.Reference}",
                    $"{Naming(e.Reference, "evidence", e.Title, e.Marking)} was sent back on "
                        + $"{sentBack.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))} and has not been "
                        + $"resubmitted.",
                    Links.ReplaceEvidence(e.Id),
                    "EvidenceItem",
                    e.Id,
                    e.Reference,
                    sentBack,
                    now
                )
            );
        });
    }

    /// <summary>Once per review deadline: a recommendation still without a response after its review's responses due date.</summary>
    private async Task<IEnumerable<Notification>> ResponsesOverdueAsync(
        DateOnly today,
        DateTimeOffset now,
        Func<Guid, List<Recipient>> leadsOf,
        CancellationToken cancellationToken
    )
    {
        var overdue = await db
            .Recommendations.AsNoTracking()
            .Where(RecommendationRules.IsResponseOverdue.On(today))
            .Select(r => new
            {
                r.Id,
                r.Reference,
                r.Title,
                r.LeadAgencyId,
                r.Marking,
                DueOn = r.Review!.ResponsesDueOn!.Value,
                Owner = r.Owner != null && r.Owner.IsActive ? new Recipient(r.Owner.Id, r.Owner.Email, r.Owner.DisplayName) : null,
            })
            .ToListAsync(cancellationToken);
        return overdue.SelectMany(r =>
        {
            var due = r.DueOn.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
            return (r.Owner is { } owner ? [owner] : leadsOf(r.LeadAgencyId)).Select(recipient =>
                New(
                    $"recommendation:{r.Id}:response-overdue:{r.DueOn:yyyy-MM-dd}:{recipient.Id}",
                    recipient,
                    "response-overdue",
                    "response-overdue",
                    $"Response overdue: {r.Reference}",
                    $"{Naming(r.Reference, "the recommendation", r.Title, r.Marking)} has no response; responses were due by {due}.",
                    Links.RecordResponse(r.Id),
                    ResponseSubject,
                    r.Id,
                    r.Reference,
                    r.DueOn,
                    now
                )
            );
        });
    }

    public const string ResponseSubject = "RecommendationResponse";

    /// <summary>
    /// How an email names an item: emails leave the service, so an OFFICIAL-SENSITIVE item is named by its reference only.
    /// </summary>
    private static string Naming(string reference, string what, string title, ProtectiveMarking marking) =>
        marking == ProtectiveMarking.OfficialSensitive ? $"{reference}: {what}" : $"{reference}: \"{title}\"";

    private static Notification New(
        string key,
        Recipient recipient,
        string kind,
        string stage,
        string subject,
        string line,
        string link,
        string entityType,
        Guid entityId,
        string reference,
        DateOnly subjectDate,
        DateTimeOffset now
    ) =>
        new()
        {
            Key = key,
            RecipientUserId = recipient.Id,
            Email = recipient.Email,
            RecipientName = recipient.Name,
            Kind = kind,
            Stage = stage,
            Subject = subject,
            Line = line,
            Link = link,
            SubjectEntityType = entityType,
            SubjectEntityId = entityId,
            Reference = reference,
            SubjectDate = subjectDate,
            State = NotificationState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
}
