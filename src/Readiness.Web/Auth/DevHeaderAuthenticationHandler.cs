using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

/// <summary>
/// Development mode only: `X-Dev-User: someone@...` signs a script or load tool in as that demonstration user, never a real one.
/// </summary>
public sealed class DevHeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ReadinessDbContext db,
    TimeProvider clock
) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
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
        // One query gives who they are and their role and agency now, so the claims transformation has nothing to add.
        var user = await ReadinessClaims.DemonstrationFactsAsync(db, email, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail($"No active demonstration user has the email given in {HeaderName}.");
        }

        var principal = ReadinessClaims.SignedIn(user.Id, user.Email, SchemeName);
        principal.AddIdentity(ReadinessClaims.Current(user, clock.Today()));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
