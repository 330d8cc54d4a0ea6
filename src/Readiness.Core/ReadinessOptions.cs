using System.ComponentModel.DataAnnotations;

namespace Readiness.Core;

public sealed class ReadinessOptions
{
    public const string Section = "Readiness";

    /// <summary>Shown in capitals at the top and bottom of every page and printed document.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^OFFICIAL(-SENSITIVE)?$", ErrorMessage = "Readiness:ProtectiveMarking must be OFFICIAL or OFFICIAL-SENSITIVE.")]
    public string ProtectiveMarking { get; set; } = "OFFICIAL";

    /// <summary>The address people use to reach the app, for links in emails and reports.</summary>
    [Required(AllowEmptyStrings = false)]
    [Url(ErrorMessage = "Readiness:PublicBaseUrl must be an absolute URL such as https://readiness.example.")]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>
    /// A board report of more recommendations than this is produced in the background (<see cref="Reports.ReportRun"/>)
    /// while the reader watches its progress, not rendered on the request that asked for it.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Readiness:BackgroundReportThreshold must be between 0 and 1000000.")]
    public int BackgroundReportThreshold { get; set; } = 500;
}
