using Readiness.Core.Recommendations;

namespace Readiness.Core.Reports;

public enum ReportScope
{
    Programme,
    Review,
    Agency,
}

/// <summary>
/// A count under its label; <c>Key</c> is the value it counts (an enum name, or <see cref="NotAssessed"/>) for code to compare.
/// </summary>
public sealed record StatusCount(string Status, int Count, string Key)
{
    public const string NotAssessed = "NotAssessed";
}

public sealed record AgencyStatusLine(string Agency, int NotStarted, int InProgress, int ClosureProposed, int Complete, int Superseded)
{
    public int Total => NotStarted + InProgress + ClosureProposed + Complete + Superseded;
}

public sealed record OverdueLine(string Reference, string Milestone, string Agency, DateOnly DueDate, int DaysOverdue);

public sealed record SlippageLine(
    string Reference,
    string Title,
    DateOnly OriginalTargetDate,
    DateOnly CurrentTargetDate,
    int SlippageDays
);

public sealed record RecommendationLine(
    string Reference,
    string Title,
    string Status,
    string? Rag,
    string RagReason,
    int MilestonesDone,
    int MilestonesTotal,
    DateOnly? NextDue,
    string? LatestNarrative,
    DeliveryStatus? StatusValue = null,
    Guid? Id = null
);

/// <summary>A recommendation whose owning agency and programme office RAGs differ, with both reasons.</summary>
public sealed record DisagreementLine(
    string Reference,
    string Title,
    string AgencyRag,
    string AgencyReason,
    string AssuredRag,
    string AssuredReason
);

/// <summary>A recommendation not progressing: what blocks it, since when, the note, and what it depends on.</summary>
public sealed record BlockedLine(string Reference, string Title, string Blocker, DateOnly? Since, string Note, string DependsOn);

public sealed record AgencySection(string Agency, IReadOnlyList<RecommendationLine> Recommendations);

/// <summary>Everything a board report shows, gathered once; an issued report keeps this exactly as it was.</summary>
public sealed record BoardReportData(
    string Title,
    string ScopeDescription,
    IReadOnlyList<string> Reviews,
    DateOnly AsAt,
    string Marking,
    bool IsSampleData,
    int Total,
    IReadOnlyList<StatusCount> ByStatus,
    IReadOnlyList<StatusCount> ByRag,
    int PercentComplete,
    IReadOnlyList<string> ChangesSinceLastReport,
    IReadOnlyList<AgencyStatusLine> StatusByAgency,
    IReadOnlyList<OverdueLine> OverdueMilestones,
    IReadOnlyList<SlippageLine> Slippage,
    IReadOnlyList<AgencySection> Sections,
    int Withheld = 0,
    int ResponsesOverdue = 0,
    IReadOnlyList<DisagreementLine>? Disagreements = null,
    IReadOnlyList<BlockedLine>? Blocked = null,
    int RepeatsOfEarlierReviews = 0,
    ValidationCounts? Validation = null,
    Trends.TrendData? Trend = null
);

/// <summary>
/// Closed recommendations by whether the change was shown to work; how many are past the date promised for validation; and
/// how many recommendations have accepted evidence that has expired since they were last validated.
/// </summary>
public sealed record ValidationCounts(int ClosedValidated, int ClosedNotYetValidated, int ValidationOverdue, int NeedRevalidation);
