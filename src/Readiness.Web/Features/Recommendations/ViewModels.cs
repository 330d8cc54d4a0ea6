using System.ComponentModel.DataAnnotations;
using Readiness.Core.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Recommendations;

public sealed record RegisterViewModel(RegisterFilter Filter, IReadOnlyList<RegisterRow> Rows, int Total, RegisterOptions Options)
{
    /// <summary>The register's sortable columns: the sort key, the heading, and whether it holds numbers.</summary>
    public static readonly IReadOnlyList<(string Key, string Text, bool Numeric)> Columns =
    [
        ("reference", "Reference", false),
        ("title", "Title", false),
        ("agency", "Lead agency", false),
        ("status", "Status", false),
        ("rag", "RAG (assured)", false),
        ("target", "Target date", false),
        ("slippage", "Slippage (days)", true),
    ];

    public int PageCount => Pagination.CountPages(Total, RegisterQuery.PageSize);
}

public sealed record EvidenceSummary(
    Guid Id,
    string Title,
    DateOnly EvidenceDate,
    Readiness.Core.Evidence.EvidenceStatus Status,
    int Versions,
    bool IsLink,
    int SentBackCount
);

public sealed record ClosureSummary(ClosureDecision Decision, DateTimeOffset DecidedAt, string? DecidedBy, string? Reason);

public sealed record DetailsViewModel(
    Recommendation Recommendation,
    DateOnly Today,
    (Rag? Rag, string Reason) RagExplained,
    AvailableActions Available,
    IReadOnlyList<EvidenceSummary> Evidence,
    ListPage<AuditRow> History,
    IReadOnlyList<ClosureSummary> Closures,
    bool CanSeeEvidence,
    IReadOnlyList<LinkedRecommendation> Related,
    IReadOnlyList<DateOnly> EvidenceExpiries,
    ListPage<ProgressUpdate> Updates
)
{
    public bool Can(RecommendationAction action) => Available.Contains(action);
}

public sealed class ResponseForm : IValidatableObject
{
    [Required(ErrorMessage = "Select the response to this recommendation")]
    public ResponseStatus? Response { get; set; }

    [FitsColumn(typeof(Recommendation), nameof(Recommendation.ResponseRationale), "The rationale")]
    public string? Rationale { get; set; }

    public uint Version { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Response == ResponseStatus.Pending)
        {
            yield return new ValidationResult("Select accepted, accepted in principle or not accepted", [nameof(Response)]);
        }

        if (Response == ResponseStatus.NotAccepted && string.IsNullOrWhiteSpace(Rationale))
        {
            yield return new ValidationResult("Enter the rationale for not accepting this recommendation", [nameof(Rationale)]);
        }
    }
}

public sealed record ResponsePage(Guid Id, string Reference, string Title, ResponseForm Form, string? CurrentRationale);

/// <summary>What someone without need to know sees of an OFFICIAL-SENSITIVE recommendation.</summary>
public sealed record RestrictedViewModel(Guid Id, string Reference, string Review, string LeadAgency, DeliveryStatus Status);
