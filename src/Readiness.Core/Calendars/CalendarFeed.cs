using Readiness.Core.Data;
using Readiness.Core.Users;

namespace Readiness.Core.Calendars;

public enum CalendarScope
{
    /// <summary>Milestones the person owns.</summary>
    Mine,

    /// <summary>Milestones their agency delivers.</summary>
    Agency,
}

/// <summary>
/// A secret calendar address for one person and scope. Only the SHA-256 of the token is kept, so the address is shown
/// once when issued; revoking or reissuing it makes the old address answer 404.
/// </summary>
public class CalendarFeed : Entity
{
    public Guid UserId { get; set; }
    public UserAccount? User { get; set; }
    public CalendarScope Scope { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
