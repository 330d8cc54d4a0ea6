using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Api;

/// <summary>The reviews and their themes.</summary>
[ApiController]
[Authorize(Policy = Policies.Api)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RequestLimits.Api)]
[Route("api/reviews")]
[Tags("Reviews")]
public sealed class ReviewsApiController(ReadinessDbContext db) : ControllerBase
{
    [HttpGet(Name = "listReviews")]
    [EndpointSummary("The reviews, oldest first, with their themes.")]
    [ProducesResponseType(typeof(IReadOnlyList<ApiReview>), StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<ApiReview>> List(CancellationToken cancellationToken) =>
        await db
            .Reviews.AsNoTracking()
            .OrderBy(r => r.PublishedOn)
            .Select(r => new ApiReview(
                r.Code,
                r.Title,
                r.PublishedOn,
                r.Themes.OrderBy(t => t.Name).Select(t => new ApiTheme(t.Id, t.Name)).ToList()
            ))
            .ToListAsync(cancellationToken);
}
