using System.Security.Claims;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

public static class ReadinessClaims
{
    public const string UserId = "readiness:user_id";
    public const string AgencyId = "readiness:agency_id";
    public const string IdentityType = "Readiness";

    public static ClaimsPrincipal SignedIn(UserAccount user, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(UserId, user.Id.ToString()), new Claim(ClaimTypes.Email, user.Email)], authenticationType));

    public static Guid? FindUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserId), out var id) ? id : null;
}
