using System.ComponentModel.DataAnnotations;

namespace Readiness.Core.Evidence;

public sealed class EvidenceOptions
{
    public const string Section = "Evidence";

    /// <summary>The largest file accepted, in bytes; 25 MB by default.</summary>
    [Range(1, 1L << 31, ErrorMessage = "Evidence:MaxFileBytes must be between 1 byte and 2 GB.")]
    public long MaxFileBytes { get; set; } = 25L * 1024 * 1024;

    [Range(1, 50, ErrorMessage = "Evidence:MaxFilesPerUpload must be between 1 and 50.")]
    public int MaxFilesPerUpload { get; set; } = 10;

    /// <summary>The most an Office file may expand to when unzipped; more is treated as a zip bomb.</summary>
    [Range(1, 1L << 34, ErrorMessage = "Evidence:MaxExpandedBytes must be between 1 byte and 16 GB.")]
    public long MaxExpandedBytes { get; set; } = 200L * 1024 * 1024;
}
