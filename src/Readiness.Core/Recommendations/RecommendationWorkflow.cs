using Readiness.Core.Users;

namespace Readiness.Core.Recommendations;

public enum RecommendationAction
{
    RecordResponse,
    PlanMilestones,
    AddEvidence,
    PostUpdate,
    RequestTargetDate,
    ProposeClosure,
    DecideTargetDate,
    Close,
    Reopen,
    MarkSuperseded,
    Edit,
    ReviewEvidence,
    AssureRag,
    RecordBlocker,
    LinkAcrossReviews,
    RecordValidation,
}

/// <summary>What a recommendation looks like to the workflow rules at the moment someone acts on it.</summary>
public sealed record RecommendationState(
    ResponseStatus Response,
    DeliveryStatus Status,
    int OpenMilestones,
    bool HasPendingTargetDateRequest,
    bool HasAcceptedEvidence,
    Guid? ClosureProposedBy = null
);

/// <summary>
/// The delivery workflow: who may take each action (agency ownership and role) and when (the recommendation's state).
/// Delivery is tracked only once a recommendation is accepted; closing is the programme office's decision and needs
/// accepted evidence.
/// </summary>
public static class RecommendationWorkflow
{
    private static readonly HashSet<RecommendationAction> ProgrammeOfficeOnly =
    [
        RecommendationAction.DecideTargetDate,
        RecommendationAction.Close,
        RecommendationAction.Reopen,
        RecommendationAction.MarkSuperseded,
        RecommendationAction.Edit,
        RecommendationAction.ReviewEvidence,
        RecommendationAction.AssureRag,
        RecommendationAction.LinkAcrossReviews,
        RecommendationAction.RecordValidation,
    ];

    /// <summary>Actions open on a closed recommendation too.</summary>
    private static readonly HashSet<RecommendationAction> AnyTime =
    [
        RecommendationAction.Reopen,
        RecommendationAction.Edit,
        RecommendationAction.AssureRag,
        RecommendationAction.LinkAcrossReviews,
    ];

    /// <summary>Actions open on a recommendation closed as delivered: proving, and proving again, that the change worked.</summary>
    private static readonly HashSet<RecommendationAction> AfterDelivery =
    [
        RecommendationAction.AddEvidence,
        RecommendationAction.ReviewEvidence,
        RecommendationAction.RecordValidation,
    ];

    public static bool IsAllowed(RecommendationAction action, Role role, Guid? agencyId, RecommendationOwnership ownership) =>
        ProgrammeOfficeOnly.Contains(action) ? role == Role.ProgrammeOffice : RecommendationAccess.CanChange(role, agencyId, ownership);

    public const string ClosingOwnProposal =
        "You proposed closing this recommendation, so someone else in the programme office must decide whether to close it.";

    /// <summary>No self-approval: the person who proposed closure may not close.</summary>
    public static string? SelfApproval(RecommendationAction action, RecommendationState state, Guid? actorId) =>
        action == RecommendationAction.Close && actorId is not null && state.ClosureProposedBy == actorId ? ClosingOwnProposal : null;

    /// <summary>
    /// Null when the state allows the action now; otherwise what stands in the way, in words for the person. Who is acting
    /// is a separate question: see <see cref="SelfApproval"/>.
    /// </summary>
    public static string? Obstacle(RecommendationAction action, RecommendationState state)
    {
        var open = RecommendationRules.Open(state.Status);
        var accepted = RecommendationRules.Accepted(state.Response);
        var delivered = state.Status == DeliveryStatus.Complete;
        return action switch
        {
            _ when !open && !AnyTime.Contains(action) && !(delivered && AfterDelivery.Contains(action)) =>
                "This recommendation is closed. The programme office can reopen it.",
            RecommendationAction.PlanMilestones
            or RecommendationAction.AddEvidence
            or RecommendationAction.PostUpdate
            or RecommendationAction.RequestTargetDate
            or RecommendationAction.ProposeClosure when !accepted =>
                "Delivery is tracked once the recommendation is accepted. Record the response first.",
            RecommendationAction.RequestTargetDate when state.HasPendingTargetDateRequest =>
                "A request to change the target date is already waiting for the programme office.",
            RecommendationAction.ProposeClosure when state.Status == DeliveryStatus.ClosureProposed => "Closure has already been proposed.",
            RecommendationAction.ProposeClosure when state.OpenMilestones > 0 =>
                $"Complete every milestone before proposing closure: {state.OpenMilestones} still open.",
            RecommendationAction.Close when !state.HasAcceptedEvidence =>
                "A recommendation can be closed only when the programme office has accepted evidence for it.",
            RecommendationAction.Reopen when open => "This recommendation is already open.",
            RecommendationAction.RecordValidation when !delivered =>
                "Validation is recorded once the recommendation is closed as delivered.",
            _ => null,
        };
    }

    /// <summary>
    /// The statuses a progress update may report: delivery moves between not started and in progress; closing is a separate step.
    /// </summary>
    public static IReadOnlyList<DeliveryStatus> UpdateStatuses { get; } = [DeliveryStatus.NotStarted, DeliveryStatus.InProgress];
}
