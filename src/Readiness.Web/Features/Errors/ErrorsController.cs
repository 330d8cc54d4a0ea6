using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Errors;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[DisableFormBinding]
public sealed class ErrorsController : Controller
{
    [Route("/errors/{code:int}")]
    public IActionResult Show(int code)
    {
        var status = code is >= 400 and <= 599 ? code : 500;
        Response.StatusCode = status;
        var originalPath =
            HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path;
        if (originalPath?.StartsWith("/api/", StringComparison.Ordinal) == true)
        {
            // The API's callers are programs: they get problem details, not a page.
            return Problem(statusCode: status, title: ApiTitle(status));
        }

        ViewData["Title"] = Describe(status);
        return View("Error", status);
    }

    /// <summary>The title of the API's problem response for a status; the OpenAPI document's examples use it too.</summary>
    internal static string ApiTitle(int status) =>
        status switch
        {
            401 => "Authentication required: send an Entra ID bearer token for Readiness (or X-Dev-User in development)",
            403 => "You do not have permission to read this",
            404 => "Not found",
            429 => "Too many requests",
            503 => "Service unavailable: try again shortly",
            _ => Describe(status),
        };

    private static string Describe(int status) =>
        status switch
        {
            400 => "There was a problem with your request",
            403 => "You do not have permission to see this page",
            404 => "Page not found",
            413 => "What you sent is too large",
            429 => "Too many attempts",
            _ => "Sorry, there is a problem with the service",
        };
}
