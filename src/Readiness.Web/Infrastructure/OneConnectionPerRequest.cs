using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Opens the request's database connection once, before the action, and keeps it until the request ends (the
/// DbContext closes it): EF Core otherwise takes a connection from the pool, and hands it back to be reset, for each of
/// a page's queries. Measured on the recommendation page (13 queries) at 5,000 recommendations, in one warm process,
/// alternating: about 242 against 270 requests a second.
/// </summary>
public sealed class OneConnectionPerRequest(ReadinessDbContext db) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        await next();
    }
}
