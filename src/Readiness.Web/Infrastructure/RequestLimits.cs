using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Readiness.Web.Auth;

namespace Readiness.Web.Infrastructure;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Sign-in attempts a minute from one address.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Security:SignInPermitsPerMinute must be 1 or more.")]
    public int SignInPermitsPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts a minute for one account, from any address.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Security:SignInPermitsPerAccountPerMinute must be 1 or more.")]
    public int SignInPermitsPerAccountPerMinute { get; set; } = 5;

    /// <summary>Evidence uploads a minute for one signed-in person.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Security:UploadPermitsPerMinute must be 1 or more.")]
    public int UploadPermitsPerMinute { get; set; } = 30;

    /// <summary>API requests a minute for one caller (the person or service the token or sign-in names).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Security:ApiRequestsPerMinute must be 1 or more.")]
    public int ApiRequestsPerMinute { get; set; } = 600;
}

/// <summary>
/// Sign-in attempts for one account, whichever address they come from: a password-spraying or a stolen-session attempt
/// from many addresses is still slowed. Kept per instance.
/// </summary>
public sealed class SignInThrottle(Microsoft.Extensions.Options.IOptions<SecurityOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(
            account,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = options.Value.SignInPermitsPerAccountPerMinute,
                Window = TimeSpan.FromMinutes(1),
            }
        )
    );

    /// <summary>False when this account has had its attempts for this minute.</summary>
    public bool TryAttempt(string account)
    {
        using var lease = _limiter.AttemptAcquire(account.Trim().ToLowerInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>
/// Request size and rate limits: small bodies everywhere but uploads (which raise their own limit), and throttled sign-in and upload.
/// </summary>
public static class RequestLimits
{
    public const string SignIn = "sign-in";
    public const string Upload = "upload";
    public const string Api = "api";

    /// <summary>The largest body an ordinary form may send; evidence uploads set their own, larger limit per request.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Refuses a declared body over the limit at once with 413, before anything reads it; uploads are exempt and set their own limit.
    /// </summary>
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (
                    context.Request.ContentLength > MaxBodyBytes
                    && context.GetEndpoint()?.Metadata.GetMetadata<DisableFormBindingAttribute>() is null
                )
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    return;
                }

                await next(context);
            }
        );

    /// <summary>
    /// Sign-in is limited per address (and per account, by <see cref="SignInThrottle"/>); uploads per signed-in person, so
    /// an agency behind one address does not share one allowance. The limiter runs after authentication.
    /// </summary>
    public static IServiceCollection AddReadinessRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        var limits = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
            options.Limits.MaxRequestBodySize = MaxBodyBytes
        );
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await Results
                        .Problem(
                            title: "Too many requests",
                            detail: $"This caller has made too many requests. Try again in {seconds} seconds.",
                            statusCode: StatusCodes.Status429TooManyRequests
                        )
                        .ExecuteAsync(context.HttpContext);
                }
            };
            options.AddPolicy(
                SignIn,
                context =>
                    RateLimitPartition.GetFixedWindowLimiter(
                        Address(context),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limits.SignInPermitsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                        }
                    )
            );
            options.AddPolicy(
                Api,
                context =>
                    RateLimitPartition.GetFixedWindowLimiter(
                        context.User.FindUserId() is { } caller ? $"caller:{caller}" : Address(context),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limits.ApiRequestsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                        }
                    )
            );
            options.AddPolicy(
                Upload,
                context =>
                    RateLimitPartition.GetFixedWindowLimiter(
                        context.User.FindUserId() is { } person ? $"person:{person}" : Address(context),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = limits.UploadPermitsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                        }
                    )
            );
        });
        return services;
    }

    private static string Address(HttpContext context) => $"address:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
}
