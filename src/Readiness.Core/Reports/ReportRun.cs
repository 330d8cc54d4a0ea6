using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Reports;

public enum ReportRunState
{
    Queued,
    Running,
    Ready,
    Failed,
}

/// <summary>
/// A board report too big to produce while someone waits on a request: produced by a background job, with its progress
/// for the page that waits on it and its PDF once ready. Its key is the scope, the position date, what the reader may
/// read and the data's version (the latest audit event), so the same report of the same data is produced once and
/// then handed to anyone who may read exactly what it holds. A cache, not a record: issuing is what freezes a report.
/// </summary>
public class ReportRun
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Key { get; set; }
    public ReportScope Scope { get; set; }
    public string? ScopeCode { get; set; }
    public DateOnly AsAt { get; set; }
    public Role ReaderRole { get; set; }
    public Guid? ReaderAgencyId { get; set; }
    public bool ReaderHasSensitiveAccess { get; set; }
    public long DataVersion { get; set; }
    public ReportRunState State { get; set; }
    public int Percent { get; set; }
    public required string Stage { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public int Recommendations { get; set; }
    public ProtectiveMarking? Marking { get; set; }
    public byte[]? Pdf { get; set; }

    public Reader Reader => new(ReaderRole, ReaderAgencyId, ReaderHasSensitiveAccess);

    public ReportRequest Request => new(Scope, ScopeCode, AsAt, Reader);

    public string FileName =>
        $"board-report-{Scope.ToString().ToLowerInvariant()}{(ScopeCode is null ? "" : "-" + ScopeCode)}-{AsAt:yyyy-MM-dd}.pdf";

    public static string KeyFor(ReportRequest request, Reader reader, long dataVersion) =>
        string.Join(
            '|',
            request.Scope,
            request.Code,
            request.AsAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            reader.Role,
            reader.AgencyId,
            reader.HasSensitiveAccess,
            dataVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)
        );
}
