namespace Readiness.Core.Recommendations;

/// <summary>
/// RAG as the board sees it. Where it can be derived it is: delivered is green, an overdue milestone or a passed target
/// date is red. Otherwise it is the owner's own assessment, with their reason. Derived at query time, so a milestone
/// that falls due overnight turns its recommendation red without any job having run.
/// </summary>
public static class RagAssessment
{
    /// <summary>Each recommendation with its board RAG and whether it is overdue, worked out in SQL so they can be filtered, sorted and paged.</summary>
    public static IQueryable<AssessedRecommendation> Assess(this IQueryable<Recommendation> recommendations, DateOnly today) =>
        recommendations.Select(r => new AssessedRecommendation
        {
            Recommendation = r,
            IsOverdue = r.DeliveryStatus != DeliveryStatus.Complete && r.DeliveryStatus != DeliveryStatus.Superseded
                && (r.Milestones.Any(m => m.CompletedOn == null && m.CurrentDueDate < today) || r.CurrentTargetDate < today),
            Rag = r.DeliveryStatus == DeliveryStatus.Complete ? Rag.Green
                : r.DeliveryStatus == DeliveryStatus.Superseded ? null
                : r.Milestones.Any(m => m.CompletedOn == null && m.CurrentDueDate < today) || r.CurrentTargetDate < today ? Rag.Red
                : r.Rag,
        });

    /// <summary>The same "overdue" rule as <see cref="Assess"/>, for a recommendation already loaded with its milestones.</summary>
    public static bool IsOverdue(Recommendation recommendation, DateOnly today) =>
        recommendation.IsOpen && (recommendation.Milestones.Exists(m => m.IsOverdueOn(today)) || recommendation.CurrentTargetDate < today);

    public static (Rag? Rag, string Reason) Explain(Recommendation recommendation, DateOnly today)
    {
        if (recommendation.DeliveryStatus == DeliveryStatus.Complete)
        {
            return (Rag.Green, "Delivered.");
        }

        if (recommendation.DeliveryStatus == DeliveryStatus.Superseded)
        {
            return (null, "Superseded; no longer tracked.");
        }

        var overdue = recommendation.Milestones.Where(m => m.IsOverdueOn(today)).ToList();
        if (overdue.Count > 0)
        {
            var oldest = overdue.Min(m => m.CurrentDueDate);
            return (Rag.Red, $"Red because {overdue.Count} milestone{(overdue.Count == 1 ? " is" : "s are")} overdue, the oldest due {oldest.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}.");
        }

        if (recommendation.CurrentTargetDate < today)
        {
            return (Rag.Red, "Red because the target date has passed.");
        }

        return recommendation.Rag is { } rag
            ? (rag, recommendation.RagReason ?? "Set by the owner.")
            : (null, "Not yet assessed.");
    }
}

public sealed class AssessedRecommendation
{
    public required Recommendation Recommendation { get; init; }
    public bool IsOverdue { get; init; }
    public Rag? Rag { get; init; }
}
