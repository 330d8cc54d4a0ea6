using System.Globalization;
using Hangfire;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Reports;

/// <summary>
/// Issues a big board report in the background, on the "reports" queue the worker instances run: issuing the whole
/// programme at 5,000 recommendations on the request took 4.3 s and raised the web process's peak from 172 to 332 MB.
/// The issued report then appears in the list of issued reports. Produced in the report process (<see cref="ReportIssuer"/>).
/// </summary>
public sealed class IssueReportJob(ReportIssuer issuer)
{
    [Queue(ReportRunJob.Queue)]
    [AutomaticRetry(Attempts = 0)]
    public Task ExecuteAsync(
        ReportScope scope,
        string? code,
        string asAt,
        Role readerRole,
        Guid? readerAgencyId,
        bool readerHasSensitiveAccess,
        Guid issuedBy,
        CancellationToken cancellationToken
    ) =>
        issuer.IssueAsync(
            new IssueOrder(
                new ReportRequest(
                    scope,
                    code,
                    DateOnly.ParseExact(asAt, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    new Reader(readerRole, readerAgencyId, readerHasSensitiveAccess)
                ),
                issuedBy,
                null
            ),
            cancellationToken
        );
}
