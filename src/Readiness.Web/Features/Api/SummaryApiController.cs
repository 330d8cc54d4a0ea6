using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Api;

/// <summary>Counts for dashboards: by status, by RAG and by lead agency, as the executive home page shows them.</summary>
[ApiController]
[Authorize(Policy = Policies.Api)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RequestLimits.Api)]
[Route("api/summary")]
[Tags("Summary")]
public sealed class SummaryApiController(ReadinessDbContext db, TimeProvider clock) : ControllerBase
{
    /// <summary>Counts across the register, or one review's recommendations.</summary>
    /// <param name="review">A review's code, to count only its recommendations.</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away.</param>
    [HttpGet(Name = "getSummary")]
    [EndpointSummary("Counts across the register, or one review's recommendations.")]
    [ProducesResponseType(typeof(ApiSummary), StatusCodes.Status200OK)]
    public async Task<ApiSummary> Get([FromQuery] string? review, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var scope = db.Recommendations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(review))
        {
            scope = scope.Where(r => r.Review!.Code == review);
        }

        var rows = await scope
            .Assess(today)
            .GroupBy(a => new
            {
                a.Recommendation.LeadAgency!.Code,
                a.Recommendation.LeadAgency.Name,
                a.Recommendation.DeliveryStatus,
                a.Rag,
                a.IsOverdue,
            })
            .Select(g => new
            {
                g.Key.Code,
                g.Key.Name,
                g.Key.DeliveryStatus,
                g.Key.Rag,
                g.Key.IsOverdue,
                Count = g.Count(),
            })
            .ToListAsync(cancellationToken);
        var byAgency = rows.GroupBy(r => (r.Code, r.Name))
            .Select(g => new ApiAgencyCounts(
                g.Key.Code,
                g.Key.Name,
                g.Where(r => RecommendationRules.Open(r.DeliveryStatus)).Sum(r => r.Count),
                g.Where(r => r.DeliveryStatus == DeliveryStatus.Complete).Sum(r => r.Count),
                g.Where(r => r.IsOverdue).Sum(r => r.Count),
                g.Where(r => r.Rag == Rag.Red).Sum(r => r.Count)
            ))
            .OrderBy(a => a.Name)
            .ToList();
        return new ApiSummary(
            today,
            rows.Sum(r => r.Count),
            rows.GroupBy(r => r.DeliveryStatus.ToString()).ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            rows.GroupBy(r => r.Rag?.ToString() ?? "None").ToDictionary(g => g.Key, g => g.Sum(r => r.Count)),
            byAgency
        );
    }
}
