using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Evidence;

namespace Readiness.Core.Recommendations;

/// <summary>
/// The steps that end or restart delivery: an owner proposes closure; the programme office closes, reopens or marks
/// superseded, and each of its decisions is recorded with the recommendation as it stood at that moment.
/// </summary>
public sealed class RecommendationClosure(ReadinessDbContext db)
{
    /// <summary>Moves the recommendation to <paramref name="to"/>; saving is the caller's, so it can check the version.</summary>
    public async Task TakeStepAsync(
        Recommendation recommendation,
        DeliveryStatus to,
        ClosureDecision? decision,
        string? reason,
        Guid byUserId,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (decision is { } recorded)
        {
            db.ClosureRecords.Add(
                new ClosureRecord
                {
                    RecommendationId = recommendation.Id,
                    Decision = recorded,
                    DecidedByUserId = byUserId,
                    DecidedAt = now,
                    Reason = reason,
                    StateAtDecision = await SnapshotAsync(recommendation, cancellationToken),
                }
            );
        }

        recommendation.ChangeStatus(to, byUserId, now, reason);
    }

    private async Task<JsonDocument> SnapshotAsync(Recommendation r, CancellationToken cancellationToken)
    {
        var facts = await db
            .Recommendations.AsNoTracking()
            .Where(x => x.Id == r.Id)
            .Select(x => new
            {
                Milestones = x.Milestones.Count,
                MilestonesComplete = x.Milestones.Count(m => m.CompletedOn != null),
                EvidenceAccepted = db.EvidenceItems.Count(e => e.RecommendationId == x.Id && e.Status == EvidenceStatus.Accepted),
                EvidenceTotal = db.EvidenceItems.Count(e => e.RecommendationId == x.Id),
                LatestUpdate = x.ProgressUpdates.OrderByDescending(p => p.PostedAt).Select(p => p.Narrative).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        return JsonSerializer.SerializeToDocument(
            new
            {
                r.Reference,
                r.Title,
                Response = r.Response.ToString(),
                Status = r.DeliveryStatus.ToString(),
                Rag = r.Rag?.ToString(),
                r.RagReason,
                r.OriginalTargetDate,
                r.CurrentTargetDate,
                ValidationMethod = r.ValidationMethod?.ToString(),
                r.ValidatedOn,
                r.ValidationReference,
                r.ValidateBy,
                facts.Milestones,
                facts.MilestonesComplete,
                facts.EvidenceAccepted,
                facts.EvidenceTotal,
                facts.LatestUpdate,
            }
        );
    }
}
