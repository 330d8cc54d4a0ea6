using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Reports;

/// <summary>
/// Readies a report process that waits for its order (`report await`): gathers the programme's report as an executive
/// sees it (the report most asked for, so its queries are compiled), then gathers and writes, in memory and thrown away,
/// the report of the agency leading the fewest recommendations, so the layout and the PDF writer have run once before a big
/// report is asked for; last, the run's own statements (<see cref="ReportRunJob.WarmAsync"/>). It changes nothing, and stops
/// between steps when <c>cancellationToken</c> says an order has come.
/// </summary>
public sealed class ReportWarmUp(ReadinessDbContext db, BoardReportQuery query, ReportRunJob job, TimeProvider clock)
{
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var executive = new Reader(Role.Executive, null, false);
        await query.GatherAsync(new ReportRequest(ReportScope.Programme, null, today, executive), cancellationToken);
        var smallest = await db
            .Agencies.AsNoTracking()
            .Select(a => new { a.Code, Led = db.Recommendations.Count(r => r.LeadAgencyId == a.Id) })
            .Where(a => a.Led > 0)
            .OrderBy(a => a.Led)
            .ThenBy(a => a.Code)
            .Select(a => a.Code)
            .FirstOrDefaultAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (
            smallest is not null
            && await query.GatherAsync(new ReportRequest(ReportScope.Agency, smallest, today, executive), cancellationToken) is { } data
        )
        {
            cancellationToken.ThrowIfCancellationRequested();
            BoardReport.Render(data, clock.GetUtcNow());
        }

        cancellationToken.ThrowIfCancellationRequested();
        await job.WarmAsync(cancellationToken);
    }
}
