using System.Collections.Concurrent;
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

    /// <summary>
    /// <see cref="Assess"/> from the stored state (<see cref="StoredState"/>) instead of the rules: the same answers,
    /// read from a row kept current by <see cref="StoredStates"/>, joined so a query may filter and sort by it.
    /// </summary>
    public static IQueryable<AssessedRecommendation> AssessStored(
        this IQueryable<Recommendation> recommendations,
        IQueryable<StoredState> states,
        Reader? reader = null
    ) =>
        recommendations.Join(
            states,
            r => r.Id,
            s => s.RecommendationId,
            reader is null ? StoredAssessmentForAll : StoredAssessments.GetOrAdd(reader, StoredAssessment)
        );

    /// <summary>
    /// <see cref="AssessStored(IQueryable{Recommendation}, IQueryable{StoredState}, Reader?)"/> for a reader given as the
    /// need-to-know predicate itself (<see cref="NeedToKnow.Rule"/> applied to values a compiled query takes as parameters).
    /// </summary>
    public static IQueryable<AssessedRecommendation> AssessStored(
        this IQueryable<Recommendation> recommendations,
        IQueryable<StoredState> states,
        Expression<Func<Recommendation, bool>> mayRead
    ) => recommendations.Join(states, r => r.Id, s => s.RecommendationId, StoredAssessment(mayRead));

    private static Expression<Func<Recommendation, StoredState, AssessedRecommendation>> StoredAssessment(Reader? reader) =>
        StoredAssessment(reader is null ? (r => true) : NeedToKnow.MayRead(reader));

    private static Expression<Func<Recommendation, StoredState, AssessedRecommendation>> StoredAssessment(
        Expression<Func<Recommendation, bool>> mayRead
    )
    {
        Expression<Func<Recommendation, StoredState, AssessedRecommendation>> assessment = (r, s) =>
            new AssessedRecommendation
            {
                Recommendation = r,
                State = s,
                IsOverdue = s.IsOverdue,
                Rag = s.Rag,
                AssuredRag = r.AssuredRag,
                Disagree = Differs.Invoke(s.Rag, r.AssuredRag),
                IsBlocked = RecommendationRules.IsBlocked.Invoke(r),
                IsRestricted = !mayRead.Invoke(r),
            };
        return assessment.Expand();
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
        Differs.Invoke(BoardRag.Invoke(r, today), r.AssuredRag);

    private static readonly Expression<Func<Rag?, Rag?, bool>> Differs = (agency, assured) =>
        agency != null && assured != null && agency != assured;

    private static readonly Func<Rag?, Rag?, bool> DiffersCompiled = Differs.Compile();

    // Expanded once per kind of reader, as NeedToKnow.MayRead is: every register and home page reads through them. Declared
    // after Differs, which they expand, so it is set when they are.
    private static readonly ConcurrentDictionary<
        Reader,
        Expression<Func<Recommendation, StoredState, AssessedRecommendation>>
    > StoredAssessments = new();

    private static readonly Expression<Func<Recommendation, StoredState, AssessedRecommendation>> StoredAssessmentForAll = StoredAssessment(
        (Reader?)null
    );

    /// <summary><see cref="Disagree"/> for a recommendation already assessed in memory.</summary>
    public static bool Differ(Rag? agency, Rag? assured) => DiffersCompiled(agency, assured);

    /// <summary>The board RAG and its reason in words, for a recommendation with its milestones (<see cref="DerivedState"/>).</summary>
    public static (Rag? Rag, string Reason) Explain(Recommendation recommendation, DateOnly today)
    {
        var state = DerivedState.Of(recommendation, today);
        return (state.Rag, state.Reason(recommendation.RagReason));
    }
}

public sealed class AssessedRecommendation
{
    public required Recommendation Recommendation { get; init; }

    /// <summary>The stored state it was read from, when read by <see cref="RagAssessment.AssessStored"/>.</summary>
    public StoredState? State { get; init; }
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
