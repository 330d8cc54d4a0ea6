using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// A static file asked for by its fingerprint (<c>?v=</c>, from <c>asp-append-version</c>) never changes, so browsers keep
/// it for a year without asking again; the same file without a fingerprint is checked each time.
/// </summary>
public static class StaticFileCaching
{
    public static void Apply(StaticFileResponseContext context)
    {
        var fingerprinted = context.Context.Request.Query.ContainsKey("v");
        context.Context.Response.Headers[HeaderNames.CacheControl] = fingerprinted
            ? "public, max-age=31536000, immutable"
            : "public, no-cache";
    }
}
