namespace Readiness.Web.Infrastructure;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows no inline script, no framing, no sniffing, no
/// referrer and, except for static assets, no caching. Hangfire's dashboard is the one exception: it needs inline script and styles, and
/// only the programme office
/// can reach it.
/// </summary>
public static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/css")
        || path.StartsWithSegments("/js")
        || path.StartsWithSegments("/lib")
        || path.Value is "/favicon.ico" or "/favicon.svg";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    var headers = context.Response.Headers;
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/_hangfire") ? DashboardPolicy : Policy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                    headers["Cross-Origin-Opener-Policy"] = "same-origin";
                    if (string.IsNullOrEmpty(headers.CacheControl) && !IsStaticAsset(context.Request.Path))
                    {
                        // Pages and downloads carry sensitive programme data: no shared or back-button cache keeps a copy.
                        headers.CacheControl = "private, no-store";
                    }

                    return Task.CompletedTask;
                });
                await next(context);
            }
        );
}
