using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;
using Readiness.Core;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

public static class AuthenticationSetup
{
    private const string DevOrCookieScheme = "DevOrCookie";

    /// <summary>The read API's scheme: an Entra ID bearer token, or the development header in Dev mode; never the cookie.</summary>
    public const string ApiScheme = "Api";

    /// <summary>
    /// Operations commands (<paramref name="serving"/> false) sign nobody in, so the sign-in mode's environment rules apply only to
    /// serving.
    /// </summary>
    public static IServiceCollection AddReadinessAuthentication(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment,
        bool serving = true
    )
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var mode = auth.Mode;
        if (serving && mode == AuthMode.Dev && environment.IsProduction())
        {
            throw new InvalidOperationException(
                "Auth:Mode is Dev, which lets anyone sign in as a demonstration user, and the environment is Production. "
                    + "Set Auth:Mode=Entra (and AzureAd:*) for Production, or run in another environment."
            );
        }

        if (
            serving
            && mode == AuthMode.Dev
            && !environment.IsDevelopment()
            && !environment.IsEnvironment("Testing")
            && !auth.DevSignInTrial
        )
        {
            throw new InvalidOperationException(
                $"Auth:Mode is Dev and the environment is {environment.EnvironmentName}. Development sign-in is for the Development "
                    + "environment; for a trial on sample data elsewhere set Auth:DevSignInTrial=true as well (it signs in demonstration "
                    + "users only)."
            );
        }

        services.AddTransient<IClaimsTransformation, UserClaimsTransformation>();
        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            // Outside a developer's machine the sign-in cookie is never sent over plain HTTP, whatever the request came in on.
            services.PostConfigure<CookieAuthenticationOptions>(
                CookieAuthenticationDefaults.AuthenticationScheme,
                options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always
            );
        }

        return mode == AuthMode.Dev ? services.AddDevAuthentication() : services.AddEntraAuthentication(configuration);
    }

    private static IServiceCollection AddDevAuthentication(this IServiceCollection services)
    {
        services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = DevOrCookieScheme;
                options.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddPolicyScheme(
                DevOrCookieScheme,
                "Development header or cookie",
                options =>
                    options.ForwardDefaultSelector = context =>
                        context.Request.Headers.ContainsKey(DevHeaderAuthenticationHandler.HeaderName)
                            ? DevHeaderAuthenticationHandler.SchemeName
                            : CookieAuthenticationDefaults.AuthenticationScheme
            )
            .AddScheme<AuthenticationSchemeOptions, DevHeaderAuthenticationHandler>(DevHeaderAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(
                ApiScheme,
                "API: development header",
                options => options.ForwardDefault = DevHeaderAuthenticationHandler.SchemeName
            )
            .AddCookie(ConfigureCookie);
        return services;
    }

    private static IServiceCollection AddEntraAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]))
        {
            throw new InvalidOperationException(
                "Auth:Mode is Entra but AzureAd:ClientId is not set. Set AzureAd:ClientId (and AzureAd:ClientSecret or a certificate) "
                    + "from the app registration, or use Auth:Mode=Dev outside Production."
            );
        }

        services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            })
            .AddMicrosoftIdentityWebApp(
                configuration.GetSection("AzureAd"),
                cookieScheme: CookieAuthenticationDefaults.AuthenticationScheme
            );
        services.AddAuthentication().AddMicrosoftIdentityWebApi(configuration.GetSection("AzureAd"), jwtBearerScheme: ApiScheme);
        services.Configure<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>(
            ApiScheme,
            options =>
            {
                var validated = options.Events.OnTokenValidated;
                options.Events.OnTokenValidated = async context =>
                {
                    await validated(context);
                    var principal = context.Principal!;
                    var user =
                        Guid.TryParse(principal.GetTenantId(), out var tenant) && Guid.TryParse(principal.GetObjectId(), out var objectId)
                            ? await context
                                .HttpContext.RequestServices.GetRequiredService<EntraSignIn>()
                                .FindActiveAsync(tenant, objectId, context.HttpContext.RequestAborted)
                            : null;
                    if (user is null)
                    {
                        context.Fail(
                            "The token is valid but names no active Readiness user: sign in to Readiness once, and ask the programme "
                                + "office for a role."
                        );
                        return;
                    }

                    context.Principal = ReadinessClaims.SignedIn(user, ApiScheme);
                };
            }
        );
        services.Configure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, ConfigureCookie);
        services.Configure<OpenIdConnectOptions>(
            OpenIdConnectDefaults.AuthenticationScheme,
            options =>
                options.Events.OnTokenValidated = async context =>
                {
                    var principal = context.Principal!;
                    if (
                        !context
                            .HttpContext.RequestServices.GetRequiredService<Infrastructure.SignInThrottle>()
                            .TryAttempt($"{principal.GetTenantId()}/{principal.GetObjectId()}")
                    )
                    {
                        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                        context.HandleResponse();
                        return;
                    }

                    var signIn = context.HttpContext.RequestServices.GetRequiredService<EntraSignIn>();
                    var result = await signIn.SignInAsync(
                        Guid.Parse(principal.GetTenantId()!),
                        Guid.Parse(principal.GetObjectId()!),
                        principal.FindFirst("preferred_username")?.Value ?? "",
                        principal.FindFirst("name")?.Value ?? "",
                        context.HttpContext.RequestAborted
                    );
                    if (result is EntraSignInResult.SignedIn signedIn)
                    {
                        context.Principal = ReadinessClaims.SignedIn(signedIn.User, OpenIdConnectDefaults.AuthenticationScheme);
                        return;
                    }

                    context.Response.Redirect(Links.SignInRefused(((EntraSignInResult.Refused)result).Reason));
                    context.HandleResponse();
                }
        );
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = Links.SignIn;
        options.LogoutPath = Links.SignOut;
        options.Cookie.Name = "readiness.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }
}
