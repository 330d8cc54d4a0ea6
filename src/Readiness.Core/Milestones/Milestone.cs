using Readiness.Core.Agencies;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Milestones;

public class Milestone : Entity
{
    public Guid RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public Guid DeliveringAgencyId { get; set; }
    public Agency? DeliveringAgency { get; set; }
    public Guid? OwnerUserId { get; set; }
    public UserAccount? Owner { get; set; }
    public required string Title { get; set; }
    public DateOnly OriginalDueDate { get; set; }
    public DateOnly CurrentDueDate { get; set; }
    public DateOnly? CompletedOn { get; set; }

    public bool IsOverdueOn(DateOnly today) => RecommendationRules.Overdue(this, today);
}
