using System.Globalization;
using System.Linq.Expressions;
using LinqKit;

namespace Readiness.Core.Recommendations;

/// <summary>Why a recommendation has the RAG the board sees (<see cref="RagAssessment.BoardRag"/>).</summary>
public enum RagBasis
{
    Delivered,
    Superseded,
    MilestonesOverdue,
    TargetDatePassed,
    Owner,
    NotAssessed,
}

/// <summary>What the delivery rules say about a recommendation on a day: its board RAG and why, overdue, and its milestones.</summary>
public sealed record DerivedState(
    Rag? Rag,
    RagBasis Basis,
    bool IsOverdue,
    int OverdueMilestones,
    DateOnly? OldestOverdueDue,
    DateOnly? NextMilestoneDue
)
{
    /// <summary>
    /// The rules, written once: queries translate it to SQL, <see cref="StoredStates"/> stores its answer, and
    /// <see cref="Of"/> gives the same answer for a recommendation in memory.
    /// </summary>
    public static readonly Expression<Func<Recommendation, DateOnly, DerivedState>> Rule = Expand(
        (r, today) =>
            new DerivedState(
                RagAssessment.BoardRag.Invoke(r, today),
                r.DeliveryStatus == DeliveryStatus.Complete ? RagBasis.Delivered
                    : r.DeliveryStatus == DeliveryStatus.Superseded ? RagBasis.Superseded
                    : r.Milestones.Any(m => RecommendationRules.IsMilestoneOverdue.Invoke(m, today)) ? RagBasis.MilestonesOverdue
                    : r.CurrentTargetDate < today ? RagBasis.TargetDatePassed
                    : r.Rag != null ? RagBasis.Owner
                    : RagBasis.NotAssessed,
                RecommendationRules.IsOverdue.Invoke(r, today),
                RecommendationRules.IsOpen.Invoke(r) ? r.Milestones.Count(m => RecommendationRules.IsMilestoneOverdue.Invoke(m, today)) : 0,
                RecommendationRules.IsOpen.Invoke(r)
                    ? r.Milestones.Where(m => RecommendationRules.IsMilestoneOverdue.Invoke(m, today)).Min(m => (DateOnly?)m.CurrentDueDate)
                    : null,
                r.Milestones.Where(m => m.CompletedOn == null && m.CurrentDueDate >= today).Min(m => (DateOnly?)m.CurrentDueDate)
            )
    );

    private static readonly Func<Recommendation, DateOnly, DerivedState> Compiled = Rule.Compile();

    /// <summary><see cref="Rule"/> for a recommendation loaded with its milestones.</summary>
    public static DerivedState Of(Recommendation recommendation, DateOnly today) => Compiled(recommendation, today);

    /// <summary>The reason in words, as the recommendation page gives it; the owner's own reason when the RAG is theirs.</summary>
    public string Reason(string? ownerReason) =>
        Basis switch
        {
            RagBasis.Delivered => "Delivered.",
            RagBasis.Superseded => "Superseded; no longer tracked.",
            RagBasis.MilestonesOverdue => $"Red because {OverdueMilestones} milestone{(OverdueMilestones == 1 ? " is" : "s are")} overdue, "
                + $"the oldest due {OldestOverdueDue?.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}.",
            RagBasis.TargetDatePassed => "Red because the target date has passed.",
            RagBasis.Owner => ownerReason ?? "Set by the owner.",
            _ => "Not yet assessed.",
        };

    private static Expression<Func<Recommendation, DateOnly, DerivedState>> Expand(
        Expression<Func<Recommendation, DateOnly, DerivedState>> rule
    ) => rule.Expand();
}

/// <summary>
/// A recommendation's <see cref="DerivedState"/> as stored, so the register filters, sorts and pages rows instead of
/// working the rules out over every milestone on each request. Kept in the same transaction as any change to what it
/// is worked out from (<see cref="StoredStateInterceptor"/>) and again for every recommendation when the day
/// changes (<see cref="StoredStates.EnsureCurrentAsync"/>). Derived data, so not an audited entity. The
/// review code and reference are copied in so the register's default order is one index.
/// </summary>
public class StoredState
{
    public Guid RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public required string ReviewCode { get; set; }
    public required string Reference { get; set; }
    public Rag? Rag { get; set; }
    public RagBasis RagBasis { get; set; }
    public bool IsOverdue { get; set; }
    public int OverdueMilestones { get; set; }
    public DateOnly? OldestOverdueDue { get; set; }
    public DateOnly? NextMilestoneDue { get; set; }

    /// <summary>The day the rules were applied for: a row from an earlier day is stale.</summary>
    public DateOnly WorkedOutOn { get; set; }

    public DerivedState Derived => new(Rag, RagBasis, IsOverdue, OverdueMilestones, OldestOverdueDue, NextMilestoneDue);
}
