using System.Security.Claims;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

/// <summary>The signed-in person as the app knows them, read from the claims that <see cref="UserClaimsTransformation"/> adds.</summary>
public sealed record CurrentUser(
    Guid Id,
    string DisplayName,
    string Email,
    Role Role,
    Guid? AgencyId,
    string? AgencyName,
    bool HasSensitiveAccess
)
{
    /// <summary>This person as the need-to-know rule sees them.</summary>
    public Reader Reader => new(Role, AgencyId, HasSensitiveAccess);

    public bool IsProgrammeOffice => Role == Role.ProgrammeOffice;

    public bool WorksForAnAgency => Role is Role.AgencyLead or Role.AgencyContributor;

    public static CurrentUser? From(ClaimsPrincipal principal)
    {
        var identity = principal.Identities.FirstOrDefault(i => i.AuthenticationType == ReadinessClaims.IdentityType);
        if (
            identity is null
            || principal.FindUserId() is not { } id
            || !Enum.TryParse<Role>(identity.FindFirst(ClaimTypes.Role)?.Value, out var role)
        )
        {
            return null;
        }

        return new CurrentUser(
            id,
            identity.FindFirst(ClaimTypes.Name)?.Value ?? "",
            identity.FindFirst(ClaimTypes.Email)?.Value ?? "",
            role,
            Guid.TryParse(identity.FindFirst(ReadinessClaims.AgencyId)?.Value, out var agencyId) ? agencyId : null,
            identity.FindFirst("readiness:agency_name")?.Value,
            identity.HasClaim(ReadinessClaims.SensitiveAccess, "true")
        );
    }
}
