using Readiness.Core.Data;

namespace Readiness.Core.Recommendations;

/// <summary>One step in a recommendation's delivery status history.</summary>
public class RecommendationStatusChange : Entity
{
    public Guid RecommendationId { get; set; }
    public DeliveryStatus FromStatus { get; set; }
    public DeliveryStatus ToStatus { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public Guid? ChangedByUserId { get; set; }
    public string? Reason { get; set; }
}

public enum TargetDateRequestState
{
    Pending,
    Approved,
    Refused,
}

/// <summary>An owner's request to move a recommendation's target date; the programme office approves or refuses it.</summary>
public class TargetDateChangeRequest : Entity
{
    public Guid RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public DateOnly? PreviousDate { get; set; }
    public DateOnly RequestedDate { get; set; }
    public required string Reason { get; set; }
    public Guid? RequestedByUserId { get; set; }
    public Users.UserAccount? RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public TargetDateRequestState State { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }

    /// <summary>The programme office approves (the recommendation takes the new date; its original is kept) or refuses.</summary>
    public void Decide(
        TargetDateRequestState decision,
        string? reason,
        Recommendation recommendation,
        Guid decidedByUserId,
        DateTimeOffset now
    )
    {
        if (decision == TargetDateRequestState.Pending || State != TargetDateRequestState.Pending)
        {
            throw new InvalidOperationException("Only a pending request can be approved or refused.");
        }

        State = decision;
        DecidedByUserId = decidedByUserId;
        DecidedAt = now;
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (decision == TargetDateRequestState.Approved)
        {
            recommendation.CurrentTargetDate = RequestedDate;
        }
    }
}
