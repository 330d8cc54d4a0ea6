using Readiness.Core.Agencies;
using Readiness.Core.Data;

namespace Readiness.Core.Users;

public enum Role
{
    Viewer,
    AgencyContributor,
    AgencyLead,
    Executive,
    ProgrammeOffice,
}

public enum NotificationPreference
{
    Immediate,
    DailyDigest,

    /// <summary>One email on Monday with everything since the last one.</summary>
    WeeklyDigest,
}

public class UserAccount : Entity
{
    public Guid? EntraObjectId { get; set; }
    public Guid? EntraTenantId { get; set; }
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public Guid? AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public Role Role { get; set; }
    public NotificationPreference NotificationPreference { get; set; }
    public bool IsActive { get; set; } = true;
    public bool IsDemonstrationUser { get; set; }

    /// <summary>Last day of a sensitive-access grant by the programme office (see <c>NeedToKnow</c>); null when none.</summary>
    public DateOnly? SensitiveAccessUntil { get; set; }

    public string? SensitiveAccessReason { get; set; }

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();
}
