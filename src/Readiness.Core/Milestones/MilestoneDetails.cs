using System.Linq.Expressions;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Milestones;

/// <summary>
/// A milestone as its owners plan it: the rules it must meet and the one operation that adds or changes it. The
/// original due date is kept when the milestone is re-dated, so slippage can be counted.
/// </summary>
public sealed record MilestoneDetails(string Title, Guid DeliveringAgencyId, Guid? OwnerUserId, DateOnly DueDate, DateOnly? CompletedOn)
{
    public const string AgencyRule = "Select the lead agency or one of the supporting agencies";
    public const string OwnerRule = "Select an owner who works for the delivering agency";
    public const string CompletionRule = "Completion date must be today or in the past";

    /// <summary>Only the recommendation's lead or supporting agencies deliver its milestones.</summary>
    public static bool MayDeliver(RecommendationOwnership ownership, Guid agencyId) => ownership.Includes(agencyId);

    /// <summary>An owner is an active person of the delivering agency.</summary>
    public static Expression<Func<UserAccount, bool>> MayOwn(Guid deliveringAgencyId) =>
        u => u.IsActive && u.AgencyId == deliveringAgencyId;

    public static bool CompletedInTime(DateOnly? completedOn, DateOnly today) => completedOn is null || completedOn <= today;

    public Milestone Plan(Guid recommendationId) =>
        new()
        {
            RecommendationId = recommendationId,
            DeliveringAgencyId = DeliveringAgencyId,
            OwnerUserId = OwnerUserId,
            Title = Title.Trim(),
            OriginalDueDate = DueDate,
            CurrentDueDate = DueDate,
            CompletedOn = CompletedOn,
        };

    public void ApplyTo(Milestone milestone)
    {
        milestone.Title = Title.Trim();
        milestone.DeliveringAgencyId = DeliveringAgencyId;
        milestone.OwnerUserId = OwnerUserId;
        milestone.CurrentDueDate = DueDate;
        milestone.CompletedOn = CompletedOn;
    }
}
