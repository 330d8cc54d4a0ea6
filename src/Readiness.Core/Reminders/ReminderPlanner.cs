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
        planned.AddRange(await ValidationsDueAsync(today, now, LeadsOf, office, cancellationToken));
        planned.AddRange(await EvidenceExpiredAsync(today, now, LeadsOf, cancellationToken));
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
            var staged = Stage(m.CurrentDueDate, today);
            var recipients = new List<Recipient>(owners);
            var kind = staged.Overdue ? "milestone-overdue" : "milestone-due-soon";
            var subject = staged.Overdue
                ? $"Milestone overdue by {staged.DaysLate} days: {m.Reference}"
                : $"Milestone due {(staged.DaysLate == 0 ? "today" : $"in {-staged.DaysLate} days")}: {m.Reference}";
            var line = staged.Overdue
                ? $"{Naming(m.Reference, "a milestone", m.Title, m.Marking)} was due on {due} and is {staged.DaysLate} days overdue."
                : $"{Naming(m.Reference, "a milestone", m.Title, m.Marking)} is due on {due}.";
            recipients.AddRange(staged.ToLeads ? leadsOf(m.DeliveringAgencyId) : []);
            recipients.AddRange(staged.ToOffice ? office : []);
            var stage = staged.Name;

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
    public const string ValidationSubject = "RecommendationValidation";
    public const string ExpiredEvidenceSubject = "ExpiredEvidence";

    /// <summary>Where something due on <paramref name="due"/> stands today, and how far a reminder about it escalates.</summary>
    private sealed record Staging(bool Overdue, string Name, int DaysLate, bool ToLeads, bool ToOffice);

    /// <summary>
    /// Due soon (the nearest of the due-soon thresholds it is within) or overdue (a stage for each repeat period), with the
    /// escalations an overdue item earns: milestones and promised validations are reminded alike.
    /// </summary>
    private Staging Stage(DateOnly due, DateOnly today)
    {
        var daysLate = today.DayNumber - due.DayNumber;
        if (daysLate <= 0)
        {
            return new(false, $"due-soon-{Options.DueSoonDays.Where(n => -daysLate <= n).Min()}", daysLate, false, false);
        }

        return new(
            true,
            $"overdue-{(daysLate - 1) / Options.OverdueRepeatDays}",
            daysLate,
            daysLate > Options.EscalateToLeadAfterDays,
            daysLate > Options.EscalateToProgrammeOfficeAfterDays
        );
    }

    /// <summary>
    /// A closed recommendation not yet validated: reminded as the promised date nears and, once it has passed, repeatedly and
    /// with escalation, as a milestone is.
    /// </summary>
    private async Task<IEnumerable<Notification>> ValidationsDueAsync(
        DateOnly today,
        DateTimeOffset now,
        Func<Guid, List<Recipient>> leadsOf,
        List<Recipient> office,
        CancellationToken cancellationToken
    )
    {
        var horizon = today.AddDays(Options.DueSoonDays.Max());
        var awaiting = await db
            .Recommendations.AsNoTracking()
            .Where(RecommendationRules.IsAwaitingValidation)
            .Where(r => r.ValidateBy <= horizon)
            .Select(r => new
            {
                r.Id,
                r.Reference,
                r.Title,
                r.LeadAgencyId,
                r.Marking,
                By = r.ValidateBy!.Value,
                Owner = r.Owner != null && r.Owner.IsActive ? new Recipient(r.Owner.Id, r.Owner.Email, r.Owner.DisplayName) : null,
            })
            .ToListAsync(cancellationToken);
        return awaiting.SelectMany(r =>
        {
            var staged = Stage(r.By, today);
            var by = r.By.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
            var naming = Naming(r.Reference, "the recommendation", r.Title, r.Marking);
            List<Recipient> recipients =
            [
                .. r.Owner is { } owner ? [owner] : leadsOf(r.LeadAgencyId),
                .. staged.ToLeads ? leadsOf(r.LeadAgencyId) : [],
                .. staged.ToOffice ? office : [],
            ];
            return recipients
                .DistinctBy(recipient => recipient.Id)
                .Select(recipient =>
                    New(
                        $"recommendation:{r.Id}:validate-by:{r.By:yyyy-MM-dd}:{staged.Name}:{recipient.Id}",
                        recipient,
                        staged.Overdue ? "validation-overdue" : "validation-due-soon",
                        staged.Name,
                        staged.Overdue
                            ? $"Validation overdue by {staged.DaysLate} days: {r.Reference}"
                            : $"Validation due by {by}: {r.Reference}",
                        staged.Overdue
                            ? $"{naming} was closed without proof that it works; validation was promised by {by} and is not recorded."
                            : $"{naming} was closed without proof that it works; validation is promised by {by}.",
                        Links.Recommendation(r.Id),
                        ValidationSubject,
                        r.Id,
                        r.Reference,
                        r.By,
                        now
                    )
                );
        });
    }

    /// <summary>Once per expiry: accepted evidence past its expiry date, so the recommendation needs re-validating.</summary>
    private async Task<IEnumerable<Notification>> EvidenceExpiredAsync(
        DateOnly today,
        DateTimeOffset now,
        Func<Guid, List<Recipient>> leadsOf,
        CancellationToken cancellationToken
    )
    {
        var expired = await db
            .EvidenceItems.AsNoTracking()
            .Where(RecommendationRules.IsEvidenceExpired.On(today))
            .Select(e => new
            {
                e.Id,
                e.Title,
                Expired = e.ExpiresOn!.Value,
                e.RecommendationId,
                e.Recommendation!.Reference,
                e.Recommendation.LeadAgencyId,
                e.Recommendation.Marking,
                Owner = e.Recommendation.Owner != null && e.Recommendation.Owner.IsActive
                    ? new Recipient(e.Recommendation.Owner.Id, e.Recommendation.Owner.Email, e.Recommendation.Owner.DisplayName)
                    : null,
            })
            .ToListAsync(cancellationToken);
        return expired.SelectMany(e =>
        {
            var on = e.Expired.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
            return (e.Owner is { } owner ? [owner] : leadsOf(e.LeadAgencyId)).Select(recipient =>
                New(
                    $"evidence:{e.Id}:expired:{e.Expired:yyyy-MM-dd}:{recipient.Id}",
                    recipient,
                    "evidence-expired",
                    "expired",
                    $"Evidence expired, re-validation needed: {e.Reference}",
                    $"{Naming(e.Reference, "evidence", e.Title, e.Marking)} expired on {on}. Show the programme office that the change "
                        + "still works, with new evidence.",
                    Links.Recommendation(e.RecommendationId),
                    ExpiredEvidenceSubject,
                    e.Id,
                    e.Reference,
                    e.Expired,
                    now
                )
            );
        });
    }

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
