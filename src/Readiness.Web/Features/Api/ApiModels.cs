using Readiness.Core.Recommendations;

namespace Readiness.Web.Features.Api;

public sealed record ApiPage<T>(int Page, int PageSize, int Total, int PageCount, IReadOnlyList<T> Items);

public sealed record ApiTheme(Guid Id, string Name);

public sealed record ApiReview(string Code, string Title, DateOnly PublishedOn, IReadOnlyList<ApiTheme> Themes);

public sealed record ApiAgency(string Code, string Name);

/// <summary>A register item; <c>Title</c> and <c>Owner</c> are null when <c>Restricted</c> (OFFICIAL-SENSITIVE, no need to know).</summary>
public sealed record ApiRecommendationSummary(
    Guid Id,
    string Reference,
    string Review,
    string? Title,
    string LeadAgency,
    DeliveryStatus Status,
    Rag? Rag,
    Rag? AssuredRag,
    bool AssessmentsDisagree,
    DateOnly? OriginalTargetDate,
    DateOnly? TargetDate,
    bool Overdue,
    string? Owner,
    string Marking,
    bool Restricted,
    bool NotProgressing
)
{
    public static ApiRecommendationSummary From(Recommendations.RegisterRow r) =>
        new(
            r.Id,
            r.Reference,
            r.ReviewCode,
            r.Title,
            r.LeadAgency,
            r.Status,
            r.Rag,
            r.AssuredRag,
            Core.Recommendations.RagAssessment.Differ(r.Rag, r.AssuredRag),
            r.OriginalTargetDate,
            r.TargetDate,
            r.IsOverdue,
            r.Owner,
            Core.Recommendations.Vocabulary.Describe(r.Marking),
            r.IsRestricted,
            r.IsBlocked
        );
}

/// <summary>
/// A change in the feed: the recommendation or what it holds (entity), what happened (Added, Modified, Deleted), the
/// fields that changed (never their values), and the recommendation as it is now.
/// </summary>
public sealed record ApiChange(
    string Cursor,
    DateTimeOffset ChangedAt,
    string Entity,
    string Action,
    IReadOnlyList<string> Fields,
    Guid RecommendationId,
    ApiRecommendationSummary? Recommendation
);

/// <summary>A page of the change feed: pass <c>Next</c> as <c>after</c> for the page after it.</summary>
public sealed record ApiChangePage(IReadOnlyList<ApiChange> Items, string Next, bool More);

/// <summary>
/// Evidence as the pages show it: items only to the owning agencies, the programme office and executives; to everyone else a count.
/// </summary>
public sealed record ApiEvidence(int Count, bool Visible, IReadOnlyList<ApiEvidenceItem>? Items);

public sealed record ApiEvidenceItem(Guid Id, string Title, DateOnly EvidenceDate, string Status, int Versions);

/// <summary>A recommendation; when <c>Restricted</c> only its reference, review, lead agency, status and marking are given.</summary>
public sealed record ApiRecommendation(
    Guid Id,
    string Reference,
    string Review,
    string? Theme,
    string? Title,
    string? Text,
    ApiAgency LeadAgency,
    IReadOnlyList<ApiAgency> SupportingAgencies,
    ResponseStatus Response,
    string? ResponseRationale,
    DeliveryStatus Status,
    Rag? Rag,
    string RagReason,
    Rag? AssuredRag,
    string? AssuredRagReason,
    bool AssessmentsDisagree,
    Priority Priority,
    bool Monitored,
    string Marking,
    DateOnly? OriginalTargetDate,
    DateOnly? TargetDate,
    int? SlippageDays,
    bool Overdue,
    string? Owner,
    ApiEvidence Evidence,
    bool Restricted,
    ApiBlocker? Blocker,
    IReadOnlyList<ApiLink> Links
);

/// <summary>Why it is not progressing: needs-legislation, needs-funding, waits-on-agency or waits-on-recommendation.</summary>
public sealed record ApiBlocker(string Kind, string Description, DateOnly? Since, string? Note);

/// <summary>
/// A link to another recommendation as read from this one: depends-on, needed-by, repeats, repeated-by, builds-on, built-on-by,
/// replaces or replaced-by. <c>Title</c> is null when the other is restricted for the caller.
/// </summary>
public sealed record ApiLink(string Relation, Guid Id, string Review, string Reference, string? Title);

public sealed record ApiMilestone(
    Guid Id,
    string Title,
    string DeliveringAgency,
    string? Owner,
    DateOnly OriginalDueDate,
    DateOnly DueDate,
    DateOnly? CompletedOn,
    bool Overdue
);

public sealed record ApiProgressUpdate(
    Guid Id,
    DateOnly ReportingPeriod,
    DateTimeOffset PostedAt,
    string? Author,
    DeliveryStatus Status,
    Rag Rag,
    string? RagReason,
    string Narrative
);

public sealed record ApiAgencyCounts(string Code, string Name, int Open, int Complete, int Overdue, int Red);

public sealed record ApiSummary(
    DateOnly AsAt,
    int Total,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, int> ByRag,
    IReadOnlyList<ApiAgencyCounts> ByAgency
);
