using System.Text.Json;

namespace Readiness.Core.Reports;

/// <summary>An issued board report, frozen: its data and its PDF exactly as issued.</summary>
public class BoardReportSnapshot
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Scope { get; set; }
    public string? ScopeCode { get; set; }
    public DateOnly AsAt { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public Guid? IssuedByUserId { get; set; }
    public required JsonDocument Data { get; set; }
    public required byte[] Pdf { get; set; }
    public required string Sha256 { get; set; }

    /// <summary>Set on the report the monthly job issues ("Programme:2026-11"); unique, so a rerun issues nothing new.</summary>
    public string? MonthlyKey { get; set; }
}
