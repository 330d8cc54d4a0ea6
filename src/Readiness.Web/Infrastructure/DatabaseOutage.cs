using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Readiness.Core;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// With PostgreSQL unreachable every page fails, the error page included (sign-in reads the database), so this answers
/// at once with a self-contained "service unavailable" page (503, Retry-After) that needs nothing from the database.
/// Npgsql's pool reconnects by itself, so pages work again as soon as the database is back.
/// </summary>
public static class DatabaseOutage
{
    public const int RetryAfterSeconds = 30;

    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    public static IApplicationBuilder UseDatabaseOutagePage(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                try
                {
                    await next(context);
                }
                catch (Exception exception) when (Is(exception) && !context.Response.HasStarted)
                {
                    context
                        .RequestServices.GetRequiredService<ILoggerFactory>()
                        .CreateLogger(nameof(DatabaseOutage))
                        .LogError(exception, "The database could not be reached; answered 503.");
                    await WriteAsync(context);
                }
            }
        );

    private static async Task WriteAsync(HttpContext context)
    {
        var marking = WebUtility.HtmlEncode(
            context.RequestServices.GetRequiredService<IOptions<ReadinessOptions>>().Value.ProtectiveMarking.ToUpperInvariant()
        );
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(
                "{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.6.4\","
                    + "\"title\":\"Service unavailable: try again shortly\",\"status\":503}"
            );
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $$"""
            <!DOCTYPE html>
            <html lang="en-GB" class="govuk-template">
            <head>
                <meta charset="utf-8">
                <title>Sorry, the service is unavailable - Readiness</title>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
                <link rel="stylesheet" href="/css/app.css">
            </head>
            <body class="govuk-template__body">
                <div class="app-marking" data-marking="top">{{marking}}</div>
                <header class="govuk-template__header">
                    <div class="govuk-generic-header">
                        <div class="govuk-generic-header__container govuk-width-container">
                            <div class="govuk-generic-header__logo">
                                <a href="{{Links.Home}}" class="govuk-generic-header__homepage-link">Readiness</a>
                            </div>
                        </div>
                    </div>
                </header>
                <div class="govuk-width-container">
                    <main class="govuk-main-wrapper" id="main-content">
                        <h1 class="govuk-heading-l">Sorry, the service is unavailable</h1>
                        <p class="govuk-body">Readiness cannot reach its database at the moment.
                            Nothing you had already saved has been lost.</p>
                        <p class="govuk-body">Try again in a minute:
                            <a class="govuk-link" href="{{Links.Home}}">go to your home page</a>.</p>
                    </main>
                </div>
                <div class="app-marking" data-marking="bottom">{{marking}}</div>
            </body>
            </html>
            """
        );
    }
}
