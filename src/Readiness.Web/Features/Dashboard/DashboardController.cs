using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Reports;
using Readiness.Core.Trends;
using Readiness.Core.Users;
using Readiness.Web.Auth;
using Readiness.Web.Features.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Dashboard;

public sealed record DashboardPage(
    TrendData Data,
    IReadOnlyList<Chart> Charts,
    string? Review,
    string? Agency,
    IReadOnlyList<Choice> Reviews,
    IReadOnlyList<Choice> Agencies,
    bool ChoosesScope
);

/// <summary>
/// Progress over time for executives and the programme office (any scope) and agency leads (their agency): the trend
/// charts as SVG, each with its sentence and its data as a table.
/// </summary>
[Route("dashboard")]
public sealed class DashboardController(
    ReadinessDbContext db,
    TrendQuery trends,
    TimeProvider clock,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache,
    Microsoft.Extensions.Options.IOptions<Infrastructure.CacheOptions> caching
) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? review, string? agency, CancellationToken cancellationToken)
    {
        var user = CurrentUser.From(User)!;
        var choosesScope = user.Role is Role.Executive or Role.ProgrammeOffice;
        if (!choosesScope && user.Role != Role.AgencyLead)
        {
            return Forbid();
        }

        var agencyCode = choosesScope ? agency : await AgencyCodeAsync(user.AgencyId, cancellationToken);
        var request = new ReportRequest(
            !string.IsNullOrWhiteSpace(agencyCode) ? ReportScope.Agency
                : !string.IsNullOrWhiteSpace(review) && choosesScope ? ReportScope.Review
                : ReportScope.Programme,
            !string.IsNullOrWhiteSpace(agencyCode) ? agencyCode
                : choosesScope ? review
                : null,
            clock.Today(),
            user.Reader
        );
        // Readers who see the same recommendations share an entry: by role, agency and sensitive access.
        var key = $"dashboard:{request.Scope}:{request.Code}:{request.AsAt}:{user.Role}:{user.AgencyId}:{user.Reader.HasSensitiveAccess}";
        var keepFor = TimeSpan.FromSeconds(caching.Value.DashboardSeconds);
        if (await cache.GetOrQueryAsync(key, keepFor, () => trends.GatherAsync(request, cancellationToken)) is not { } data)
        {
            return NotFound();
        }

        ViewData["Section"] = "dashboard";
        return View(
            "Index",
            new DashboardPage(
                data,
                TrendCharts.For(data),
                request.Scope == ReportScope.Review ? review : null,
                request.Scope == ReportScope.Agency ? agencyCode : null,
                [new("", "Every review"), .. await RegisterOptions.ReviewChoicesAsync(db, cancellationToken)],
                [new("", "Every agency"), .. await RegisterOptions.AgencyChoicesAsync(db, cancellationToken)],
                choosesScope
            )
        );
    }

    private Task<string?> AgencyCodeAsync(Guid? agencyId, CancellationToken cancellationToken) =>
        db.Agencies.Where(a => a.Id == agencyId).Select(a => (string?)a.Code).SingleOrDefaultAsync(cancellationToken);
}
