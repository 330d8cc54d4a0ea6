using LinqKit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Api;

/// <summary>The register, a recommendation, its milestones and its progress history, scoped as the pages are.</summary>
[ApiController]
[Authorize(Policy = Policies.Api)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.RequestLimits.Api)]
[Route("api/recommendations")]
[Tags("Recommendations")]
public sealed class RecommendationsApiController(ReadinessDbContext db, RegisterQuery register, TimeProvider clock) : ControllerBase
{
    public const int MaxPageSize = 200;

    /// <summary>Far beyond any register, and small enough that the row offset cannot overflow.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>The register, filtered and sorted like the register page; paged on the server.</summary>
    /// <param name="filter">review, theme, agency (lead agency code), status (not-started, in-progress, closure-proposed, complete,
    /// superseded), rag (red, amber, green), overdue, monitored, disagree (the agency's and the assured RAG differ), owner,
    /// q (full-text search), sort (reference, title, agency, status, rag, target, slippage), dir (asc, desc), page.</param>
    /// <param name="pageSize">Items a page, 1 to 200; 50 by default.</param>
    /// <param name="cancellationToken">Cancelled when the caller goes away.</param>
    [HttpGet(Name = "listRecommendations")]
    [EndpointSummary("The register, filtered and sorted like the register page; paged on the server.")]
    [ProducesResponseType(typeof(ApiPage<ApiRecommendationSummary>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<ApiPage<ApiRecommendationSummary>>> List(
        [FromQuery] RegisterFilter filter,
        [FromQuery] int pageSize = 50,
        CancellationToken cancellationToken = default
    )
    {
        Validate(filter, pageSize);
        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        var reader = CurrentUser.From(User)!.Reader;
        var (rows, total) = await register.PageAsync(filter, clock.Today(), reader, pageSize, clampToLastPage: false, cancellationToken);
        var items = rows.Select(ApiRecommendationSummary.From).ToList();
        return new ApiPage<ApiRecommendationSummary>(filter.Page, pageSize, total, Pagination.CountPages(total, pageSize), items);
    }

    [HttpGet("{id:guid}", Name = "getRecommendation")]
    [EndpointSummary("One recommendation in full, with its agencies, milestones and evidence list.")]
    [EndpointDescription(
        "An OFFICIAL-SENSITIVE recommendation the caller may not read comes back with its wording withheld and `restricted` true."
    )]
    [ProducesResponseType(typeof(ApiRecommendation), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ApiRecommendation>> Get(Guid id, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var recommendation = await db
            .Recommendations.AsNoTracking()
            .AsSplitQuery()
            .Include(r => r.Review)
            .Include(r => r.Theme)
            .Include(r => r.LeadAgency)
            .Include(r => r.Owner)
            .Include(r => r.SupportingAgencies)
                .ThenInclude(s => s.Agency)
            .Include(r => r.Milestones)
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (recommendation is null)
        {
            return NotFound();
        }

        if (!NeedToKnow.MayRead(CurrentUser.From(User)!.Reader, recommendation))
        {
            return Restricted(recommendation);
        }

        var canSeeEvidence = RecommendationGate.CanSeeEvidence(User, recommendation);
        var evidence = await db
            .EvidenceItems.AsNoTracking()
            .Where(e => e.RecommendationId == id)
            .OrderByDescending(e => e.EvidenceDate)
            .ThenBy(e => e.Title)
            .Select(e => new ApiEvidenceItem(e.Id, e.Title, e.EvidenceDate, e.Status.ToString(), e.FileVersions.Count))
            .ToListAsync(cancellationToken);
        var rag = RagAssessment.Explain(recommendation, today);
        var r = recommendation;
        return new ApiRecommendation(
            r.Id,
            r.Reference,
            r.Review!.Code,
            r.Theme?.Name,
            r.Title,
            r.Text,
            new ApiAgency(r.LeadAgency!.Code, r.LeadAgency.Name),
            r.SupportingAgencies.Select(s => new ApiAgency(s.Agency!.Code, s.Agency.Name)).OrderBy(a => a.Name).ToList(),
            r.Response,
            r.ResponseRationale,
            r.DeliveryStatus,
            rag.Rag,
            rag.Reason,
            r.AssuredRag,
            r.AssuredRagReason,
            RagAssessment.Differ(rag.Rag, r.AssuredRag),
            r.Priority,
            r.IsMonitored,
            Vocabulary.Describe(r.Marking),
            r.OriginalTargetDate,
            r.CurrentTargetDate,
            r.SlippageDays,
            RecommendationRules.Overdue(r, today),
            r.Owner?.DisplayName,
            new ApiEvidence(evidence.Count, canSeeEvidence, canSeeEvidence ? evidence : null),
            Restricted: false,
            RecommendationRules.Blocked(r) && r.Blocker is { } blocker
                ? new ApiBlocker(Slugs.Of(blocker), Vocabulary.Describe(blocker), r.BlockedSince, r.BlockerNote)
                : null,
            (await RecommendationLinks.ForAsync(db, id, CurrentUser.From(User)!.Reader, cancellationToken))
                .Select(l => new ApiLink(
                    l.Relation.ToLowerInvariant().Replace(" ", "-", StringComparison.Ordinal),
                    l.OtherId,
                    l.Review,
                    l.Reference,
                    l.Title
                ))
                .ToList()
        );
    }

    private static ApiRecommendation Restricted(Recommendation r) =>
        new(
            r.Id,
            r.Reference,
            r.Review!.Code,
            null,
            null,
            null,
            new ApiAgency(r.LeadAgency!.Code, r.LeadAgency.Name),
            [],
            r.Response,
            null,
            r.DeliveryStatus,
            null,
            NeedToKnow.RestrictedText,
            null,
            null,
            false,
            r.Priority,
            r.IsMonitored,
            Vocabulary.Describe(r.Marking),
            null,
            null,
            null,
            false,
            null,
            new ApiEvidence(0, false, null),
            Restricted: true,
            null,
            []
        );

    /// <summary>Null when the reader may read the recommendation's detail; otherwise the response to give (404 or 403).</summary>
    private async Task<ActionResult?> RefuseDetailAsync(Guid id, CancellationToken cancellationToken)
    {
        var mayRead = NeedToKnow.MayRead(CurrentUser.From(User)!.Reader);
        var found = await db
            .Recommendations.AsNoTracking()
            .AsExpandable()
            .Where(r => r.Id == id)
            .Select(r => new { Readable = mayRead.Invoke(r) })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? NotFound()
            : found.Readable ? null
            : Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: NeedToKnow.RestrictedText,
                detail: "This recommendation is OFFICIAL-SENSITIVE and your account has no need to know its detail."
            );
    }

    [HttpGet("{id:guid}/milestones", Name = "listMilestones")]
    [EndpointSummary("A recommendation's milestones, in due-date order.")]
    [ProducesResponseType(typeof(IReadOnlyList<ApiMilestone>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<ApiMilestone>>> Milestones(Guid id, CancellationToken cancellationToken)
    {
        if (await RefuseDetailAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var today = clock.Today();
        return await db
            .Milestones.AsNoTracking()
            .AsExpandable()
            .Where(m => m.RecommendationId == id)
            .OrderBy(m => m.CurrentDueDate)
            .ThenBy(m => m.Title)
            .Select(m => new ApiMilestone(
                m.Id,
                m.Title,
                m.DeliveringAgency!.Name,
                m.Owner == null ? null : m.Owner.DisplayName,
                m.OriginalDueDate,
                m.CurrentDueDate,
                m.CompletedOn,
                RecommendationRules.IsMilestoneOverdue.Invoke(m, today)
            ))
            .ToListAsync(cancellationToken);
    }

    [HttpGet("{id:guid}/progress", Name = "listProgressUpdates")]
    [EndpointSummary("A recommendation's progress updates, newest first.")]
    [ProducesResponseType(typeof(IReadOnlyList<ApiProgressUpdate>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status403Forbidden)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound)]
    public async Task<ActionResult<IReadOnlyList<ApiProgressUpdate>>> Progress(Guid id, CancellationToken cancellationToken)
    {
        if (await RefuseDetailAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return await db
            .ProgressUpdates.AsNoTracking()
            .Where(p => p.RecommendationId == id)
            .OrderByDescending(p => p.PostedAt)
            .Select(p => new ApiProgressUpdate(
                p.Id,
                p.ReportingPeriod,
                p.PostedAt,
                p.Author == null ? null : p.Author.DisplayName,
                p.DeliveryStatus,
                p.Rag,
                p.RagReason,
                p.Narrative
            ))
            .ToListAsync(cancellationToken);
    }

    private void Validate(RegisterFilter filter, int pageSize)
    {
        if (pageSize is < 1 or > MaxPageSize)
        {
            ModelState.AddModelError("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        if (filter.Page is < 1 or > MaxPage)
        {
            ModelState.AddModelError("page", $"page must be between 1 and {MaxPage:N0}.");
        }

        if (filter.Status is not null && Slugs.Parse<DeliveryStatus>(filter.Status) is null)
        {
            ModelState.AddModelError(
                "status",
                $"status must be one of {string.Join(", ", Enum.GetValues<DeliveryStatus>().Select(Slugs.Of))}."
            );
        }

        if (filter.Rag is not null && Slugs.Parse<Rag>(filter.Rag) is null)
        {
            ModelState.AddModelError("rag", "rag must be red, amber or green.");
        }

        if (filter.Sort is not null && filter.SortKey != filter.Sort)
        {
            ModelState.AddModelError("sort", "sort must be one of reference, title, agency, status, rag, target, slippage.");
        }

        if (filter.Dir is not null and not ("asc" or "desc"))
        {
            ModelState.AddModelError("dir", "dir must be asc or desc.");
        }
    }
}
