using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Readiness.Web.Infrastructure;

/// <summary>Request size and rate limits: small bodies everywhere but uploads (which raise their own limit), and throttled sign-in and upload.</summary>
public static class RequestLimits
{
    public const string SignIn = "sign-in";
    public const string Upload = "upload";

    /// <summary>The largest body an ordinary form may send; evidence uploads set their own, larger limit per request.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Refuses a declared body over the limit at once with 413, before anything reads it; uploads are exempt and set their own limit.</summary>
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBodyBytes && context.GetEndpoint()?.Metadata.GetMetadata<DisableFormBindingAttribute>() is null)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            await next(context);
        });

    public static IServiceCollection AddReadinessRequestLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("Security:SignInPermitsPerMinute", 10);
        var uploadsPerMinute = configuration.GetValue("Security:UploadPermitsPerMinute", 30);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxBodyBytes);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            options.AddPolicy(Upload, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = uploadsPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}
