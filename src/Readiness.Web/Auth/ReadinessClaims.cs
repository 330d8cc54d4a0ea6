using System.Security.Claims;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

public static class ReadinessClaims
{
    public const string UserId = "readiness:user_id";
    public const string AgencyId = "readiness:agency_id";
    public const string IdentityType = "Readiness";

    public static ClaimsPrincipal SignedIn(UserAccount user, string authenticationType) => SignedIn(user.Id, user.Email, authenticationType);

    public static ClaimsPrincipal SignedIn(Guid userId, string email, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(UserId, userId.ToString()), new Claim(ClaimTypes.Email, email)], authenticationType));

    /// <summary>The person's role and agency as the database holds them now; added on every request.</summary>
    public static ClaimsIdentity Current(string displayName, string email, Role role, Guid? agencyId, string? agencyName)
    {
        var identity = new ClaimsIdentity(IdentityType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, displayName));
        identity.AddClaim(new Claim(ClaimTypes.Email, email));
        identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        if (agencyId is { } agency)
        {
            identity.AddClaim(new Claim(AgencyId, agency.ToString()));
            identity.AddClaim(new Claim("readiness:agency_name", agencyName ?? ""));
        }

        return identity;
    }

    public static Guid? FindUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserId), out var id) ? id : null;
}
