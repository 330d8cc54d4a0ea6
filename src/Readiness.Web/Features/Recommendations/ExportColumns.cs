using Readiness.Core.Recommendations;

namespace Readiness.Web.Features.Recommendations;

/// <summary>The register's columns when it is downloaded, the same for CSV and Excel.</summary>
public static class ExportColumns
{
    public static IReadOnlyList<(string Header, Func<ExportRow, object?> Value)> All { get; } =
    [
        ("Reference", r => r.Reference),
        ("Review", r => r.Review),
        ("Theme", r => r.Theme),
        ("Title", r => r.Title),
        ("Lead agency", r => r.LeadAgency),
        ("Supporting agencies", r => r.SupportingAgencies),
        ("Response", r => Vocabulary.Describe(r.Response)),
        ("Status", r => Vocabulary.Describe(r.Status)),
        ("RAG", r => r.Rag is { } rag ? Vocabulary.Describe(rag) : ""),
        ("Agency's RAG reason", r => r.RagReason),
        ("Assured RAG", r => r.AssuredRag is { } rag ? Vocabulary.Describe(rag) : ""),
        ("Assured RAG reason", r => r.AssuredRagReason),
        ("Assessments disagree", r => RagAssessment.Differ(r.Rag, r.AssuredRag) ? "Yes" : "No"),
        ("Not progressing", r => r.Blocker is { } blocker ? Vocabulary.Describe(blocker) : ""),
        ("Blocker note", r => r.BlockerNote),
        ("Priority", r => Vocabulary.Describe(r.Priority)),
        ("Monitored", r => r.Monitored ? "Yes" : "No"),
        ("Original target date", r => r.OriginalTargetDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("Current target date", r => r.TargetDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("Slippage (days)", r => r.OriginalTargetDate is { } o && r.TargetDate is { } c ? c.DayNumber - o.DayNumber : null),
        ("Accountable owner", r => r.Owner),
        ("Marking", r => Vocabulary.Describe(r.Marking)),
    ];
}
