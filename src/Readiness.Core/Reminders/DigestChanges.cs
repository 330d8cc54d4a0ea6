using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;

namespace Readiness.Core.Reminders;

/// <summary>What other people changed on one recommendation since a person's last digest, by kind of change.</summary>
public sealed record DigestChange(string Reference, Guid RecommendationId, IReadOnlyList<(string What, int Count)> Changes);

/// <summary>
/// For each digest reader: the changes others made to their agency's recommendations since their last digest was sent (or
/// the last day, before their first), in one query. Changes are named by reference and kind, never by their wording;
/// the app's own changes (jobs, seeding) are left out.
/// </summary>
public sealed class DigestChanges(ReadinessDbContext db)
{
    public async Task<Dictionary<Guid, List<DigestChange>>> SinceLastDigestAsync(
        IReadOnlyCollection<Guid> readers,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var firstDigestFrom = now.AddDays(-1);
        var rows = await (
            from u in db.Users.Where(u => readers.Contains(u.Id) && u.AgencyId != null)
            let since = db.Notifications.Where(n => n.RecipientUserId == u.Id && n.State == NotificationState.Sent).Max(n => n.SentAt)
                ?? firstDigestFrom
            from a in db.AuditEvents
            where a.RecommendationId != null && a.OccurredAt > since && a.OccurredAt <= now
            where a.ActorUserId != null && a.ActorUserId != u.Id
            from r in db.Recommendations
            where r.Id == a.RecommendationId && (r.LeadAgencyId == u.AgencyId || r.SupportingAgencies.Any(s => s.AgencyId == u.AgencyId))
            group a by new
            {
                UserId = u.Id,
                RecommendationId = r.Id,
                r.Reference,
                a.EntityType,
            } into g
            select new
            {
                g.Key.UserId,
                g.Key.RecommendationId,
                g.Key.Reference,
                g.Key.EntityType,
                Count = g.Count(),
            }
        ).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId)
            .ToDictionary(
                byUser => byUser.Key,
                byUser =>
                    byUser
                        .GroupBy(r => (r.RecommendationId, r.Reference))
                        .OrderBy(g => g.Key.Reference, StringComparer.Ordinal)
                        .Select(g => new DigestChange(
                            g.Key.Reference,
                            g.Key.RecommendationId,
                            [.. g.Select(r => (Describe(r.EntityType), r.Count)).OrderBy(c => c.Item1, StringComparer.Ordinal)]
                        ))
                        .ToList()
            );
    }

    private static string Describe(string entityType) =>
        entityType switch
        {
            "ProgressUpdate" => "progress update",
            "Milestone" => "milestone change",
            "EvidenceItem" or "EvidenceFileVersion" => "evidence upload",
            "EvidenceDecision" => "evidence decision",
            "TargetDateChangeRequest" => "target date request",
            "RecommendationStatusChange" => "status change",
            "ClosureRecord" => "closure decision",
            _ => "other change",
        };
}
