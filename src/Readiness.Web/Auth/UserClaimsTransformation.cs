using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;

namespace Readiness.Web.Auth;

/// <summary>
/// The sign-in cookie or header carries only who the person is; their role and agency are read from the database on
/// every request, so a change of role or a deactivation takes effect at once.
/// </summary>
public sealed class UserClaimsTransformation(ReadinessDbContext db, TimeProvider clock) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identities.Any(i => i.AuthenticationType == ReadinessClaims.IdentityType) || principal.FindUserId() is not { } userId)
        {
            return principal;
        }

        var user = await ReadinessClaims.FactsAsync(db, userId, CancellationToken.None);
        if (user is null)
        {
            return principal;
        }

        var transformed = principal.Clone();
        transformed.AddIdentity(ReadinessClaims.Current(user, clock.Today()));
        return transformed;
    }
}
