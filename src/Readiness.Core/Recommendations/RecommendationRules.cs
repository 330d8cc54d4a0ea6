using System.Linq.Expressions;
using LinqKit;
using Readiness.Core.Evidence;
using Readiness.Core.Milestones;

namespace Readiness.Core.Recommendations;

/// <summary>
/// The delivery rules, each written once as an expression: EF Core translates it in queries (through
/// <c>Invoke</c> and <c>Expand</c>/<c>AsExpandable</c> from LinqKit when it is part of a larger expression) and the
/// compiled form answers the same question for an object already in memory.
/// </summary>
public static class RecommendationRules
{
    /// <summary>Open: neither complete nor superseded.</summary>
    public static readonly Expression<Func<Recommendation, bool>> IsOpen = r =>
        r.DeliveryStatus != DeliveryStatus.Complete && r.DeliveryStatus != DeliveryStatus.Superseded;

    /// <summary>Accepted or accepted in principle: only then is delivery tracked.</summary>
    public static readonly Expression<Func<Recommendation, bool>> IsAccepted = r =>
        r.Response == ResponseStatus.Accepted || r.Response == ResponseStatus.AcceptedInPrinciple;

    /// <summary>Being delivered: accepted and not started or in progress (not closure proposed, not closed).</summary>
    public static readonly Expression<Func<Recommendation, bool>> IsBeingDelivered = Expanded<Func<Recommendation, bool>>(r =>
        (r.DeliveryStatus == DeliveryStatus.NotStarted || r.DeliveryStatus == DeliveryStatus.InProgress) && IsAccepted.Invoke(r)
    );

    /// <summary>A milestone not completed whose due date has passed.</summary>
    public static readonly Expression<Func<Milestone, DateOnly, bool>> IsMilestoneOverdue = (m, today) =>
        m.CompletedOn == null && m.CurrentDueDate < today;

    /// <summary>A milestone still to do on a recommendation that is still open.</summary>
    public static readonly Expression<Func<Milestone, bool>> IsMilestoneLive = Expanded<Func<Milestone, bool>>(m =>
        m.CompletedOn == null && IsOpen.Invoke(m.Recommendation!)
    );

    /// <summary>Overdue: open, and a milestone is overdue or the target date has passed.</summary>
    public static readonly Expression<Func<Recommendation, DateOnly, bool>> IsOverdue = Expanded<Func<Recommendation, DateOnly, bool>>(
        (r, today) => IsOpen.Invoke(r) && (r.Milestones.Any(m => IsMilestoneOverdue.Invoke(m, today)) || r.CurrentTargetDate < today)
    );

    /// <summary>A progress update is due for the month starting <c>period</c>: being delivered and none posted for it yet.</summary>
    public static readonly Expression<Func<Recommendation, DateOnly, bool>> IsUpdateDue = Expanded<Func<Recommendation, DateOnly, bool>>(
        (r, period) => IsBeingDelivered.Invoke(r) && !r.ProgressUpdates.Any(p => p.ReportingPeriod >= period)
    );

    /// <summary>Response overdue on a day: still open, no response recorded, and its review's responses due date has passed.</summary>
    public static readonly Expression<Func<Recommendation, DateOnly, bool>> IsResponseOverdue = Expanded<
        Func<Recommendation, DateOnly, bool>
    >(
        (r, today) =>
            r.Response == ResponseStatus.Pending && IsOpen.Invoke(r) && r.Review!.ResponsesDueOn != null && r.Review.ResponsesDueOn < today
    );

    /// <summary>Closed as delivered with how it was validated recorded.</summary>
    public static readonly Expression<Func<Recommendation, bool>> IsValidated = r =>
        r.DeliveryStatus == DeliveryStatus.Complete && r.ValidatedOn != null;

    /// <summary>Closed as delivered and not yet validated, with a date promised for validation.</summary>
    public static readonly Expression<Func<Recommendation, bool>> IsAwaitingValidation = r =>
        r.DeliveryStatus == DeliveryStatus.Complete && r.ValidatedOn == null && r.ValidateBy != null;

    /// <summary>Awaiting validation and the date promised for it has passed.</summary>
    public static readonly Expression<Func<Recommendation, DateOnly, bool>> IsValidationOverdue = Expanded<
        Func<Recommendation, DateOnly, bool>
    >((r, today) => IsAwaitingValidation.Invoke(r) && r.ValidateBy < today);

    /// <summary>
    /// Accepted evidence past its expiry date, with no validation of its recommendation recorded since: what it proved
    /// needs proving again, so the recommendation is flagged for re-validation until the programme office records one.
    /// </summary>
    public static readonly Expression<Func<EvidenceItem, DateOnly, bool>> IsEvidenceExpired = (e, today) =>
        e.Status == EvidenceStatus.Accepted
        && e.ExpiresOn != null
        && e.ExpiresOn < today
        && (e.Recommendation!.ValidatedOn == null || e.Recommendation.ValidatedOn < e.ExpiresOn);

    /// <summary>Not progressing: still open and marked with a blocker.</summary>
    public static readonly Expression<Func<Recommendation, bool>> IsBlocked = Expanded<Func<Recommendation, bool>>(r =>
        r.Blocker != null && IsOpen.Invoke(r)
    );

    /// <summary>The public page may show it: the programme office marked it publishable and it is not OFFICIAL-SENSITIVE.</summary>
    public static readonly Expression<Func<Recommendation, bool>> IsPublishable = r =>
        r.IsPublishable && r.Marking != ProtectiveMarking.OfficialSensitive;

    /// <summary>A rule or query written with other rules, expanded once (so it can be compiled or read without LinqKit).</summary>
    public static Expression<T> Expanded<T>(Expression<T> rule) => rule.Expand();

    private static readonly Func<Milestone, DateOnly, bool> IsMilestoneOverdueCompiled = IsMilestoneOverdue.Expand().Compile();
    private static readonly Func<Recommendation, DateOnly, bool> IsOverdueCompiled = IsOverdue.Expand().Compile();
    private static readonly Func<Recommendation, bool> IsBeingDeliveredCompiled = IsBeingDelivered.Compile();
    private static readonly Func<Recommendation, bool> IsBlockedCompiled = IsBlocked.Compile();
    private static readonly Func<Recommendation, DateOnly, bool> IsValidationOverdueCompiled = IsValidationOverdue.Compile();

    /// <summary><see cref="IsBlocked"/> for a recommendation in hand.</summary>
    public static bool Blocked(Recommendation recommendation) => IsBlockedCompiled(recommendation);

    /// <summary><see cref="IsValidationOverdue"/> for a recommendation in hand.</summary>
    public static bool ValidationOverdue(Recommendation recommendation, DateOnly today) =>
        IsValidationOverdueCompiled(recommendation, today);

    /// <summary><see cref="IsBeingDelivered"/> for a recommendation in hand.</summary>
    public static bool BeingDelivered(Recommendation recommendation) => IsBeingDeliveredCompiled(recommendation);

    /// <summary><see cref="IsOpen"/> for a status in hand.</summary>
    public static bool Open(DeliveryStatus status) => status is not (DeliveryStatus.Complete or DeliveryStatus.Superseded);

    /// <summary><see cref="IsAccepted"/> for a response in hand.</summary>
    public static bool Accepted(ResponseStatus response) => response is ResponseStatus.Accepted or ResponseStatus.AcceptedInPrinciple;

    public static bool Overdue(Milestone milestone, DateOnly today) => IsMilestoneOverdueCompiled(milestone, today);

    /// <summary>For a recommendation loaded with its milestones.</summary>
    public static bool Overdue(Recommendation recommendation, DateOnly today) => IsOverdueCompiled(recommendation, today);

    /// <summary>Binds a rule's second argument (a date), for use as a plain predicate in a query.</summary>
    public static Expression<Func<T, bool>> On<T>(this Expression<Func<T, DateOnly, bool>> rule, DateOnly date)
    {
        Expression<Func<T, bool>> bound = x => rule.Invoke(x, date);
        return bound.Expand();
    }
}
