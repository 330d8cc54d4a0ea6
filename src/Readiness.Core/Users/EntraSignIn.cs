using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;

namespace Readiness.Core.Users;

public abstract record EntraSignInResult
{
    public sealed record SignedIn(UserAccount User) : EntraSignInResult;

    public sealed record Refused(SignInRefusal Reason) : EntraSignInResult;
}

public enum SignInRefusal
{
    UnknownTenant,
    Deactivated,
    WrongAgency,
}

/// <summary>
/// Maps a person signing in through Entra ID to a user of the app. Their identity is their tenant id and object id:
/// a pre-created account is matched once by email, only from its own agency's tenant, and then pinned to that pair;
/// the email (<c>preferred_username</c>, which people can change) is never used to authorise after that. Their tenant
/// decides their agency; a tenant that no agency has is refused. A person seen for the first time joins their agency
/// as a viewer until the programme office gives them a role.
/// </summary>
public sealed class EntraSignIn(ReadinessDbContext db)
{
    public async Task<EntraSignInResult> SignInAsync(
        Guid tenantId,
        Guid objectId,
        string email,
        string displayName,
        CancellationToken cancellationToken
    )
    {
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.EntraTenantId == tenantId, cancellationToken);
        if (agency is null)
        {
            return new EntraSignInResult.Refused(SignInRefusal.UnknownTenant);
        }

        var normalisedEmail = UserAccount.NormaliseEmail(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.EntraTenantId == tenantId && u.EntraObjectId == objectId, cancellationToken);
        if (user is null)
        {
            var precreated = await db.Users.SingleOrDefaultAsync(u => u.Email == normalisedEmail, cancellationToken);
            if (precreated is not null && (precreated.EntraObjectId is not null || precreated.AgencyId != agency.Id))
            {
                // Already pinned to someone else, or made for another agency's tenant (or for none): never taken over by email.
                return new EntraSignInResult.Refused(SignInRefusal.WrongAgency);
            }

            user =
                precreated
                ?? db.Users.Add(
                    new UserAccount
                    {
                        Email = normalisedEmail,
                        DisplayName = displayName,
                        AgencyId = agency.Id,
                        Role = Role.Viewer,
                    }
                ).Entity;
        }

        if (!user.IsActive)
        {
            return new EntraSignInResult.Refused(SignInRefusal.Deactivated);
        }

        if (user.AgencyId != agency.Id)
        {
            return new EntraSignInResult.Refused(SignInRefusal.WrongAgency);
        }

        user.EntraTenantId = tenantId;
        user.EntraObjectId = objectId;
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            user.DisplayName = displayName.Trim();
        }

        if (
            user.Email != normalisedEmail
            && normalisedEmail.Length > 0
            && !await db.Users.AnyAsync(u => u.Email == normalisedEmail && u.Id != user.Id, cancellationToken)
        )
        {
            user.Email = normalisedEmail;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new EntraSignInResult.SignedIn(user);
    }

    /// <summary>
    /// The API's bearer tokens: the person must already be a user pinned to this tenant and object id (they signed in to
    /// the site once), active, and still in the agency their tenant maps to; an API call never creates a user.
    /// </summary>
    public async Task<UserAccount?> FindActiveAsync(Guid tenantId, Guid objectId, CancellationToken cancellationToken)
    {
        var user = await db
            .Users.AsNoTracking()
            .SingleOrDefaultAsync(u => u.EntraTenantId == tenantId && u.EntraObjectId == objectId && u.IsActive, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var agency = await db
            .Agencies.AsNoTracking()
            .Where(a => a.EntraTenantId == tenantId)
            .Select(a => (Guid?)a.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return agency is not null && user.AgencyId == agency ? user : null;
    }
}
