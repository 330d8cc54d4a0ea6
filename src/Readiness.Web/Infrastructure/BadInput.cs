namespace Readiness.Web.Infrastructure;

/// <summary>
/// PostgreSQL cannot store the NUL character, so text that carries one is refused as bad input (400) when it arrives, in
/// the query string or a form, rather than failing later in the database. A form ASP.NET Core cannot decode is refused
/// the same way.
/// </summary>
public static class BadInput
{
    public static bool HasNul(string? text) => text?.Contains('\0', StringComparison.Ordinal) == true;

    public static IApplicationBuilder UseBadInputGuard(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                var reExecuted = context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
                if (!reExecuted && (HasBadQuery(context.Request) || await HasBadFormAsync(context)))
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    return;
                }

                await next(context);
            }
        );

    private static bool HasBadQuery(HttpRequest request) => request.Query.Any(q => HasNul(q.Key) || q.Value.Any(HasNul));

    private static async Task<bool> HasBadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType || context.GetEndpoint()?.Metadata.GetMetadata<DisableFormBindingAttribute>() is not null)
        {
            return false;
        }

        try
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            return form.Any(f => HasNul(f.Key) || f.Value.Any(HasNul));
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }
}
