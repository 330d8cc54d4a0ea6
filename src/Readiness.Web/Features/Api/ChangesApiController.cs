using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core;
using Readiness.Core.Auditing;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;

namespace Readiness.Web.Features.Api;

/// <summary>
/// The change feed for BI tools and other systems that keep a copy: what changed since a cursor, oldest first, each
/// change once, with the recommendation as it is now (scoped as the register is).
/// </summary>
[ApiController]
[Authorize(Policy = Policies.Api)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RequestLimits.Api)]
[Route("api/changes")]
[Tags("Changes")]
public sealed class ChangesApiController(ChangeFeed feed, RegisterQuery register, TimeProvider clock) : ControllerBase
{
    public const int MaxPageSize = 500;

    /// <param name="after">The <c>next</c> cursor of the previous page; leave out to start from the beginning.</param>
    /// <param name="pageSize">Changes a page, 1 to 500; 100 by default.</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away.</param>
    [HttpGet(Name = "listChanges")]
    [EndpointSummary("Changes to recommendations since a cursor, oldest first, each given once across pages.")]
    [EndpointDescription(
        "Start without `after`, then pass each page's `next` until `more` is false; keep the last `next` and ask again later "
            + "for what changed since. Each change names the fields that changed, never their values; `recommendation` is its "
            + "state now (null if it has since been deleted), with wording withheld where the caller may not read it."
    )]
    [ProducesResponseType(typeof(ApiChangePage), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<ApiChangePage>> List(
        [FromQuery] string? after,
        [FromQuery] int pageSize = 100,
        CancellationToken cancellationToken = default
    )
    {
        if (ChangeFeed.Parse(after) is null)
        {
            ModelState.AddModelError(nameof(after), "The cursor is not one this feed gave: pass a page's next value as it came.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            ModelState.AddModelError(nameof(pageSize), $"The page size must be between 1 and {MaxPageSize}.");
        }

        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        var (changes, more) = await feed.PageAsync(after, pageSize, cancellationToken);
        var ids = changes.Select(c => c.RecommendationId).Distinct().ToList();
        var rows = (await register.RowsAsync(ids, clock.Today(), CurrentUser.From(User)!.Reader, cancellationToken)).ToDictionary(r =>
            r.Id
        );
        return new ApiChangePage(
            changes
                .Select(c => new ApiChange(
                    c.Cursor,
                    c.ChangedAt,
                    c.Entity,
                    c.Action,
                    c.Fields,
                    c.RecommendationId,
                    rows.TryGetValue(c.RecommendationId, out var row) ? ApiRecommendationSummary.From(row) : null
                ))
                .ToList(),
            changes.Count > 0 ? changes[^1].Cursor : after ?? "",
            more
        );
    }
}
