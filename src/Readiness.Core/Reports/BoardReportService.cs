using System.Security.Cryptography;
using System.Text.Json;
using Readiness.Core.Data;

namespace Readiness.Core.Reports;

public sealed record GeneratedReport(BoardReportData Data, byte[] Pdf);

/// <summary>Generates board reports and issues them: an issued report is frozen with its data, its PDF and the PDF's SHA-256.</summary>
public sealed class BoardReportService(
    ReadinessDbContext db,
    BoardReportQuery query,
    TimeProvider clock,
    Telemetry.ReadinessMetrics metrics
)
{
    public async Task<GeneratedReport?> GenerateAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var data = await query.GatherAsync(request, cancellationToken);
        return data is null ? null : new GeneratedReport(data, BoardReport.Render(data, clock.GetUtcNow()));
    }

    public async Task<BoardReportSnapshot?> IssueAsync(
        ReportRequest request,
        Guid? issuedBy,
        CancellationToken cancellationToken,
        string? monthlyKey = null
    )
    {
        var report = await GenerateAsync(request, cancellationToken);
        if (report is null)
        {
            return null;
        }

        var snapshot = new BoardReportSnapshot
        {
            Scope = request.Scope.ToString(),
            ScopeCode = request.Code,
            AsAt = request.AsAt,
            IssuedAt = clock.GetUtcNow(),
            IssuedByUserId = issuedBy,
            Data = JsonSerializer.SerializeToDocument(report.Data),
            Pdf = report.Pdf,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(report.Pdf)),
            MonthlyKey = monthlyKey,
        };
        db.BoardReportSnapshots.Add(snapshot);
        await db.SaveChangesAsync(cancellationToken);
        metrics.ReportIssued(snapshot.Scope);
        return snapshot;
    }
}
