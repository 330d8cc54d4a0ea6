using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

public static class ReadinessClaims
{
    public const string UserId = "readiness:user_id";
    public const string AgencyId = "readiness:agency_id";
    public const string IdentityType = "Readiness";
    public const string SensitiveAccess = "readiness:sensitive_access";

    /// <summary>What the claims say about a person now: read in one query by every sign-in scheme.</summary>
    public sealed record Facts(
        Guid Id,
        string Email,
        string DisplayName,
        Role Role,
        Guid? AgencyId,
        string? AgencyName,
        DateOnly? SensitiveAccessUntil
    );

    private static readonly System.Linq.Expressions.Expression<Func<UserAccount, Facts>> FactsOf = u => new Facts(
        u.Id,
        u.Email,
        u.DisplayName,
        u.Role,
        u.AgencyId,
        u.Agency == null ? null : u.Agency.Name,
        u.SensitiveAccessUntil
    );

    // Compiled once: one of these runs on every request.
    private static readonly Func<Core.Data.ReadinessDbContext, Guid, CancellationToken, Task<Facts?>> ById = EF.CompileAsyncQuery(
        (Core.Data.ReadinessDbContext db, Guid id, CancellationToken _) =>
            db.Users.AsNoTracking().Where(u => u.Id == id && u.IsActive).Select(FactsOf).SingleOrDefault()
    );

    private static readonly Func<Core.Data.ReadinessDbContext, string, CancellationToken, Task<Facts?>> DemonstrationUser =
        EF.CompileAsyncQuery(
            (Core.Data.ReadinessDbContext db, string email, CancellationToken _) =>
                db
                    .Users.AsNoTracking()
                    .Where(u => u.Email == email && u.IsDemonstrationUser && u.IsActive)
                    .Select(FactsOf)
                    .SingleOrDefault()
        );

    /// <summary>An active person by id (the sign-in cookie's claim).</summary>
    public static Task<Facts?> FactsAsync(Core.Data.ReadinessDbContext db, Guid userId, CancellationToken cancellationToken) =>
        ById(db, userId, cancellationToken);

    /// <summary>An active demonstration user by normalised email (development sign-in).</summary>
    public static Task<Facts?> DemonstrationFactsAsync(
        Core.Data.ReadinessDbContext db,
        string email,
        CancellationToken cancellationToken
    ) => DemonstrationUser(db, email, cancellationToken);

    public static ClaimsPrincipal SignedIn(UserAccount user, string authenticationType) =>
        SignedIn(user.Id, user.Email, authenticationType);

    public static ClaimsPrincipal SignedIn(Guid userId, string email, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(UserId, userId.ToString()), new Claim(ClaimTypes.Email, email)], authenticationType));

    /// <summary>The person's role and agency as the database holds them now; added on every request.</summary>
    public static ClaimsIdentity Current(Facts user, DateOnly today)
    {
        var identity = new ClaimsIdentity(IdentityType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.DisplayName));
        identity.AddClaim(new Claim(ClaimTypes.Email, user.Email));
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        if (user.AgencyId is { } agency)
        {
            identity.AddClaim(new Claim(AgencyId, agency.ToString()));
            identity.AddClaim(new Claim("readiness:agency_name", user.AgencyName ?? ""));
        }

        if (NeedToKnow.GrantIsInForce(user.SensitiveAccessUntil, today))
        {
            identity.AddClaim(new Claim(SensitiveAccess, "true"));
        }

        return identity;
    }

    public static Guid? FindUserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(UserId), out var id) ? id : null;
}
