using Readiness.Core.Recommendations;

namespace Readiness.Core.Trends;

/// <summary>
/// A recommendation's state over a run of days, from <c>FromDay</c> up to (not including) <c>ToDay</c>, or to today
/// when <c>ToDay</c> is null. A new span starts only when something the trends count changes, so two years of a
/// 5,000-recommendation programme is tens of thousands of rows, not millions. Derived data, so not an audited entity.
/// </summary>
public class StateSpan
{
    public long Id { get; set; }
    public Guid RecommendationId { get; set; }
    public DateOnly FromDay { get; set; }
    public DateOnly? ToDay { get; set; }
    public DeliveryStatus Status { get; set; }
    public Rag? Rag { get; set; }
    public bool IsOverdue { get; set; }

    /// <summary>How many of its milestones were overdue (still to do, past their due date) while it was open.</summary>
    public int OverdueMilestones { get; set; }

    /// <summary>Who led it, its marking and its target date at the time (a rebuilt past takes today's, having no other).</summary>
    public Guid LeadAgencyId { get; set; }
    public ProtectiveMarking Marking { get; set; }
    public DateOnly? TargetDate { get; set; }

    public bool SameStateAs(StateSpan other) =>
        Status == other.Status
        && Rag == other.Rag
        && IsOverdue == other.IsOverdue
        && OverdueMilestones == other.OverdueMilestones
        && LeadAgencyId == other.LeadAgencyId
        && Marking == other.Marking
        && TargetDate == other.TargetDate;

    /// <summary>Takes another span's state, for a day recorded twice.</summary>
    public void TakeStateOf(StateSpan other) =>
        (Status, Rag, IsOverdue, OverdueMilestones, LeadAgencyId, Marking, TargetDate) = (
            other.Status,
            other.Rag,
            other.IsOverdue,
            other.OverdueMilestones,
            other.LeadAgencyId,
            other.Marking,
            other.TargetDate
        );
}
