using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;

namespace Readiness.Core.Reports;

/// <summary>Where a report goes: rendered while the reader waits, or produced in the background (<see cref="ReportRun"/>).</summary>
public sealed class ReportRuns(ReadinessDbContext db, IServiceProvider services, IOptions<ReadinessOptions> options, TimeProvider clock)
{
    /// <summary>More recommendations than a request renders (<c>Readiness:BackgroundReportThreshold</c>).</summary>
    public async Task<bool> IsLargeAsync(ReportRequest request, CancellationToken cancellationToken) =>
        await BoardReportQuery.ScopeAsync(db, request, cancellationToken) is var (scope, _, _)
        && await scope.CountAsync(cancellationToken) > options.Value.BackgroundReportThreshold;

    /// <summary>
    /// The run for this report of today's data: one already queued, running or ready for the same key, or a new one queued.
    /// </summary>
    public async Task<ReportRun> StartAsync(ReportRequest request, Reader reader, CancellationToken cancellationToken)
    {
        var version = await db.AuditEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var key = ReportRun.KeyFor(request, reader, version);
        var run = new ReportRun
        {
            Key = key,
            Scope = request.Scope,
            ScopeCode = request.Code,
            AsAt = request.AsAt,
            ReaderRole = reader.Role,
            ReaderAgencyId = reader.AgencyId,
            ReaderHasSensitiveAccess = reader.HasSensitiveAccess,
            DataVersion = version,
            State = ReportRunState.Queued,
            Stage = "Waiting to start",
            RequestedAt = clock.GetUtcNow(),
        };

        // The partial unique index on the key (failed runs aside) decides between two requests at the same moment.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO report_runs (id, key, scope, scope_code, as_at, reader_role, reader_agency_id, reader_has_sensitive_access,
                data_version, state, percent, stage, requested_at, recommendations)
            VALUES ({run.Id}, {key}, {run.Scope.ToString()}, {run.ScopeCode}, {run.AsAt}, {run.ReaderRole.ToString()},
                {run.ReaderAgencyId}, {run.ReaderHasSensitiveAccess}, {version}, {run.State.ToString()}, 0, {run.Stage},
                {run.RequestedAt}, 0)
            ON CONFLICT (key) WHERE state <> 'Failed' DO NOTHING
            """,
            cancellationToken
        );
        if (inserted == 1)
        {
            // Resolved only here: every report page would otherwise build Hangfire's client, which small reports never use.
            services
                .GetRequiredService<IBackgroundJobClient>()
                .Enqueue<ReportRunJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None));
            return run;
        }

        // Without its PDF: a reused whole-programme report is 9 MB, which the web instance read in full here (18 MB at its peak).
        return await db
            .ReportRuns.Where(r => r.Key == key && r.State != ReportRunState.Failed)
            .Select(WithoutPdf)
            .SingleAsync(cancellationToken);
    }

    /// <summary>Queues the issuing of a big report (<see cref="IssueReportJob"/>) for the reader the request was made as.</summary>
    public void IssueInBackground(ReportRequest request, Guid issuedBy)
    {
        var reader = request.Reader ?? throw new ArgumentException("A report is issued as a reader.", nameof(request));
        var asAt = request.AsAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        services
            .GetRequiredService<IBackgroundJobClient>()
            .Enqueue<IssueReportJob>(job =>
                job.ExecuteAsync(
                    request.Scope,
                    request.Code,
                    asAt,
                    reader.Role,
                    reader.AgencyId,
                    reader.HasSensitiveAccess,
                    issuedBy,
                    CancellationToken.None
                )
            );
    }

    /// <summary>A run, only for a reader who may read exactly what it holds; its PDF is not loaded.</summary>
    public Task<ReportRun?> FindAsync(Guid id, Reader reader, CancellationToken cancellationToken) =>
        db
            .ReportRuns.AsNoTracking()
            .Where(r =>
                r.Id == id
                && r.ReaderRole == reader.Role
                && r.ReaderAgencyId == reader.AgencyId
                && r.ReaderHasSensitiveAccess == reader.HasSensitiveAccess
            )
            .Select(WithoutPdf)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>A run as read to show or follow it: everything but its PDF, which is streamed (<see cref="CopyPdfToAsync"/>).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<ReportRun, ReportRun>> WithoutPdf = r => new ReportRun
    {
        Id = r.Id,
        Key = r.Key,
        Scope = r.Scope,
        ScopeCode = r.ScopeCode,
        AsAt = r.AsAt,
        ReaderRole = r.ReaderRole,
        ReaderAgencyId = r.ReaderAgencyId,
        ReaderHasSensitiveAccess = r.ReaderHasSensitiveAccess,
        DataVersion = r.DataVersion,
        State = r.State,
        Percent = r.Percent,
        Stage = r.Stage,
        RequestedAt = r.RequestedAt,
        CompletedAt = r.CompletedAt,
        Recommendations = r.Recommendations,
        Marking = r.Marking,
    };

    /// <summary>Streams a ready run's PDF to <paramref name="destination"/>; false when the run is not ready.</summary>
    public Task<bool> CopyPdfToAsync(Guid id, Stream destination, CancellationToken cancellationToken) =>
        db
            .ReportRuns.Where(r => r.Id == id && r.State == ReportRunState.Ready)
            .Select(r => r.Pdf)
            .CopyToAsync(destination, cancellationToken);
}

/// <summary>Produces a run in a process of its own (the web project starts one), its memory bounded apart from the app.</summary>
public interface IReportProcess
{
    /// <summary>Runs `report ARGUMENTS` (`run --id RUN`, or an <see cref="IssueOrder"/>) to its end; false when it failed.</summary>
    Task<bool> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}

/// <summary>
/// Produces a queued <see cref="ReportRun"/>: gathers, lays out and renders, recording its progress as it goes. Runs on
/// the "reports" queue, which each instance works with one worker, in a process of its own with its own heap limit
/// (<c>Reports:HeapMegabytes</c>) when one is configured: however many are asked for at once, an
/// instance holds one big report at a time, and not in the web process.
/// </summary>
public sealed class ReportRunJob(ReadinessDbContext db, BoardReportQuery query, TimeProvider clock, IReportProcess? process = null)
{
    public const string Queue = "reports";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (process is null)
        {
            await ProduceAsync(id, cancellationToken);
        }
        else if (!await process.RunAsync(["run", "--id", id.ToString()], cancellationToken))
        {
            // A run the process stored as ready before it ended is not marked failed, and the job has not failed.
            var failed = await ProgressAsync(id, ReportRunState.Failed, 100, "The report could not be produced", CancellationToken.None);
            if (failed > 0)
            {
                throw new InvalidOperationException($"The report process for run {id} failed.");
            }
        }
    }

    /// <summary>Produces the run here, in this process: the job without a report process, and `report run --id`.</summary>
    public async Task ProduceAsync(Guid id, CancellationToken cancellationToken)
    {
        var run = await FindAsync(id, cancellationToken);
        if (run is null || run.State is ReportRunState.Ready or ReportRunState.Failed)
        {
            return;
        }

        try
        {
            await ProgressAsync(id, ReportRunState.Running, 10, "Gathering the data", cancellationToken);
            var data =
                await query.GatherAsync(run.Request, cancellationToken)
                ?? throw new InvalidOperationException($"The {run.Scope} {run.ScopeCode} no longer exists.");
            await ProgressAsync(
                id,
                ReportRunState.Running,
                40,
                $"Laying out and writing {data.Total:N0} recommendations",
                cancellationToken
            );
            var pdf = BoardReport.Render(data, clock.GetUtcNow());
            await StoreAsync(id, pdf, NeedToKnow.Parse(data.Marking), data.Total, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await ProgressAsync(id, ReportRunState.Failed, 100, "The report could not be produced", CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Runs each of this job's own statements once, changing nothing: the lookup reads the latest run, and the progress and
    /// the store are for a run that does not exist, so they match no row. A readied report process (<see cref="ReportWarmUp"/>)
    /// then has them compiled before its order comes. Cold, they took 0.15 s of it.
    /// </summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        var nothing = Guid.Empty;
        // The latest run is read as an order reads its run, so reading a run's values is compiled too (no run has the empty id).
        var latest = await db.ReportRuns.OrderByDescending(r => r.RequestedAt).Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        await FindAsync(latest, cancellationToken);
        await ProgressAsync(nothing, ReportRunState.Running, 0, "", cancellationToken);
        // Bigger than a connection's write buffer, so it is sent as a report's PDF is.
        await StoreAsync(nothing, new byte[64 * 1024], ProtectiveMarking.Official, 0, cancellationToken);
    }

    private Task<ReportRun?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.ReportRuns.Where(r => r.Id == id).Select(ReportRuns.WithoutPdf).SingleOrDefaultAsync(cancellationToken);

    private Task<int> StoreAsync(Guid id, byte[] pdf, ProtectiveMarking marking, int recommendations, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db
            .ReportRuns.Where(r => r.Id == id)
            .ExecuteUpdateAsync(
                set =>
                    set.SetProperty(r => r.State, ReportRunState.Ready)
                        .SetProperty(r => r.Percent, 100)
                        .SetProperty(r => r.Stage, "Ready")
                        .SetProperty(r => r.Pdf, pdf)
                        .SetProperty(r => r.Marking, marking)
                        .SetProperty(r => r.Recommendations, recommendations)
                        .SetProperty(r => r.CompletedAt, now),
                cancellationToken
            );
    }

    /// <summary>Records a run's progress; a run already ready stays so (a process that ended after storing it, say).</summary>
    private Task<int> ProgressAsync(Guid id, ReportRunState state, int percent, string stage, CancellationToken cancellationToken) =>
        db
            .ReportRuns.Where(r => r.Id == id && r.State != ReportRunState.Ready)
            .ExecuteUpdateAsync(
                set => set.SetProperty(r => r.State, state).SetProperty(r => r.Percent, percent).SetProperty(r => r.Stage, stage),
                cancellationToken
            );
}
