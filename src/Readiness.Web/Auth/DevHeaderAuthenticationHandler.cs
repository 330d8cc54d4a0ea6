using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core.Data;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

/// <summary>Development mode only: `X-Dev-User: someone@...` signs a script or load tool in as that user.</summary>
public sealed class DevHeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ReadinessDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevHeader";
    public const string HeaderName = "X-Dev-User";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var email = UserAccount.NormaliseEmail(values.ToString());
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email && u.IsActive, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail($"No active user has the email given in {HeaderName}.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(ReadinessClaims.SignedIn(user, SchemeName), SchemeName));
    }
}
