using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.Web.Auth;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.SignIn;

[AllowAnonymous]
public sealed class SignInController(ReadinessDbContext db, IOptions<AuthOptions> authOptions, Infrastructure.SignInThrottle throttle)
    : Controller
{
    private bool DevMode => authOptions.Value.Mode == AuthMode.Dev;

    [HttpGet("/sign-in")]
    public async Task<IActionResult> Index(string? returnUrl, CancellationToken cancellationToken)
    {
        if (!DevMode)
        {
            return View("Entra", SafeReturnUrl(returnUrl));
        }

        return View(new DevSignInViewModel(await DemonstrationUsersAsync(cancellationToken), SafeReturnUrl(returnUrl), null));
    }

    [HttpPost("/sign-in")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RequestLimits.SignIn)]
    public async Task<IActionResult> DevSignIn(
        [FitsColumn(typeof(UserAccount), nameof(UserAccount.Email), "The email address")] string? email,
        [StringLength(2048)] string? returnUrl,
        CancellationToken cancellationToken
    )
    {
        if (!DevMode)
        {
            return NotFound();
        }

        var normalised = UserAccount.NormaliseEmail(email ?? "");
        if (!throttle.TryAttempt(normalised))
        {
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var user = await db
            .Users.AsNoTracking()
            .SingleOrDefaultAsync(u => u.Email == normalised && u.IsActive && u.IsDemonstrationUser, cancellationToken);
        if (user is null || !ModelState.IsValid)
        {
            ModelState.AddModelError("email", "Select a demonstration user to sign in as");
            return View("Index", new DevSignInViewModel(await DemonstrationUsersAsync(cancellationToken), SafeReturnUrl(returnUrl), email));
        }

        await HttpContext.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            ReadinessClaims.SignedIn(user, CookieAuthenticationDefaults.AuthenticationScheme)
        );
        return LocalRedirect(SafeReturnUrl(returnUrl));
    }

    [HttpGet("/sign-in/entra")]
    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RequestLimits.SignIn)]
    public IActionResult EntraChallenge(string? returnUrl) =>
        DevMode
            ? NotFound()
            : Challenge(
                new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) },
                OpenIdConnectDefaults.AuthenticationScheme
            );

    [HttpGet("/sign-in/refused")]
    public IActionResult Refused(SignInRefusal? reason) => View(reason ?? SignInRefusal.UnknownTenant);

    /// <summary>
    /// Signing out asks first, on a page of its own: the layout links here rather than carrying a form, so a page without
    /// a form of its own makes no anti-forgery token (a third of a plain page's processor time).
    /// </summary>
    [HttpGet("/sign-out")]
    public IActionResult ConfirmSignOut() => User.Identity?.IsAuthenticated == true ? View("SignOut") : Redirect(Links.SignIn);

    [HttpPost("/sign-out")]
    public async Task<IActionResult> SignOut(CancellationToken cancellationToken)
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return DevMode
            ? Redirect(Links.SignIn)
            : SignOut(new AuthenticationProperties { RedirectUri = Links.SignIn }, OpenIdConnectDefaults.AuthenticationScheme);
    }

    private string SafeReturnUrl(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    private Task<List<DemonstrationUser>> DemonstrationUsersAsync(CancellationToken cancellationToken) =>
        db
            .Users.AsNoTracking()
            .Where(u => u.IsActive && u.IsDemonstrationUser)
            .OrderBy(u => u.Role)
            .ThenBy(u => u.Email)
            .Select(u => new DemonstrationUser(u.Email, u.DisplayName, u.Role, u.Agency == null ? null : u.Agency.Name))
            .ToListAsync(cancellationToken);
}

public sealed record DemonstrationUser(string Email, string DisplayName, Role Role, string? Agency);

public sealed record DevSignInViewModel(IReadOnlyList<DemonstrationUser> Users, string ReturnUrl, string? SelectedEmail);
