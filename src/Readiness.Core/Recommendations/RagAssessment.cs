using System.Linq.Expressions;
using LinqKit;

namespace Readiness.Core.Recommendations;

/// <summary>
/// RAG as the board sees it. Where it can be derived it is: delivered is green, an overdue milestone or a passed target
/// date is red. Otherwise it is the owner's own assessment, with their reason. Derived at query time, so a milestone
/// that falls due overnight turns its recommendation red without any job having run.
/// </summary>
public static class RagAssessment
{
    /// <summary>
    /// Each recommendation with its board RAG and whether it is overdue, worked out in SQL so they can be filtered,
    /// sorted and paged; with a reader, also whether it is restricted for them (<see cref="NeedToKnow"/>).
    /// </summary>
    public static IQueryable<AssessedRecommendation> Assess(
        this IQueryable<Recommendation> recommendations,
        DateOnly today,
        Reader? reader = null
    )
    {
        var mayRead = reader is null ? (r => true) : NeedToKnow.MayRead(reader);
        Expression<Func<Recommendation, AssessedRecommendation>> assessment = r => new AssessedRecommendation
        {
            Recommendation = r,
            IsOverdue = RecommendationRules.IsOverdue.Invoke(r, today),
            Rag = BoardRag.Invoke(r, today),
            AssuredRag = r.AssuredRag,
            Disagree = Disagree.Invoke(r, today),
            IsBlocked = RecommendationRules.IsBlocked.Invoke(r),
            IsRestricted = !mayRead.Invoke(r),
        };
        return recommendations.Select(assessment.Expand());
    }

    /// <summary>The board RAG rule; <see cref="Explain"/> gives the same answer in words for one recommendation.</summary>
    public static readonly Expression<Func<Recommendation, DateOnly, Rag?>> BoardRag = (r, today) =>
        r.DeliveryStatus == DeliveryStatus.Complete ? Rag.Green
        : r.DeliveryStatus == DeliveryStatus.Superseded ? null
        : RecommendationRules.IsOverdue.Invoke(r, today) ? Rag.Red
        : r.Rag;

    /// <summary>
    /// The owner's RAG (as the board sees it, <see cref="BoardRag"/>) and the programme office's assured RAG are both set
    /// and are not the same.
    /// </summary>
    public static readonly Expression<Func<Recommendation, DateOnly, bool>> Disagree = (r, today) =>
        r.AssuredRag != null && BoardRag.Invoke(r, today) != null && BoardRag.Invoke(r, today) != r.AssuredRag;

    /// <summary><see cref="Disagree"/> for a recommendation already assessed in memory.</summary>
    public static bool Differ(Rag? agency, Rag? assured) => agency is not null && assured is not null && agency != assured;

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
            return (
                Rag.Red,
                $"Red because {overdue.Count} milestone{(overdue.Count == 1 ? " is" : "s are")} overdue, the oldest due "
                    + $"{oldest.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}."
            );
        }

        if (recommendation.CurrentTargetDate < today)
        {
            return (Rag.Red, "Red because the target date has passed.");
        }

        return recommendation.Rag is { } rag ? (rag, recommendation.RagReason ?? "Set by the owner.") : (null, "Not yet assessed.");
    }
}

public sealed class AssessedRecommendation
{
    public required Recommendation Recommendation { get; init; }
    public bool IsOverdue { get; init; }
    public Rag? Rag { get; init; }
    public Rag? AssuredRag { get; init; }

    /// <summary>The owner's and the programme office's RAG differ (<see cref="RagAssessment.Disagree"/>).</summary>
    public bool Disagree { get; init; }

    /// <summary>Not progressing (<see cref="RecommendationRules.IsBlocked"/>).</summary>
    public bool IsBlocked { get; init; }

    /// <summary>The reader may see only its reference, marking and status (<see cref="NeedToKnow"/>).</summary>
    public bool IsRestricted { get; init; }
}
