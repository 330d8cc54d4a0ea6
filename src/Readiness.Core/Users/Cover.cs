using System.Linq.Expressions;
using Readiness.Core.Data;

namespace Readiness.Core.Users;

/// <summary>
/// A lead's cover while away: between its first and last day the deputy receives the lead's reminders, and what the
/// deputy does on the lead's recommendations is recorded as done for the lead.
/// </summary>
public class Cover : Entity
{
    public Guid LeadUserId { get; set; }
    public UserAccount? Lead { get; set; }
    public Guid DeputyUserId { get; set; }
    public UserAccount? Deputy { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static Expression<Func<Cover, bool>> InForce(DateOnly today) => c => c.StartsOn <= today && today <= c.EndsOn;

    /// <summary>Who may cover for a lead: an active lead or contributor of the same agency, not the lead themself.</summary>
    public static Expression<Func<UserAccount, bool>> MayDeputiseFor(Guid leadId, Guid? agencyId) =>
        u =>
            u.Id != leadId
            && u.IsActive
            && u.AgencyId != null
            && u.AgencyId == agencyId
            && (u.Role == Role.AgencyLead || u.Role == Role.AgencyContributor);

    /// <summary>Null when the dates make sense; otherwise what is wrong with them.</summary>
    public static string? CheckDates(DateOnly startsOn, DateOnly endsOn, DateOnly today) =>
        endsOn < startsOn ? "The last day of cover must be on or after the first day"
        : endsOn < today ? "The last day of cover must be today or later"
        : endsOn.DayNumber - startsOn.DayNumber > 366 ? "Cover can last a year at most"
        : null;
}
