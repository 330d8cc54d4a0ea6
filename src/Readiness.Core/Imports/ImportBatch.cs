using Readiness.Core.Data;

namespace Readiness.Core.Imports;

/// <summary>An uploaded import file, kept between its dry run and its application so any instance can apply it.</summary>
public class ImportBatch : Entity
{
    public required string FileName { get; set; }
    public required byte[] Content { get; set; }
    public required string Sha256 { get; set; }
    public Guid UploadedByUserId { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
}
