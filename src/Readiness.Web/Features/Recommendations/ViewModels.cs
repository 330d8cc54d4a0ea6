using System.ComponentModel.DataAnnotations;
using Readiness.Core.Recommendations;

namespace Readiness.Web.Features.Recommendations;

public sealed record RegisterRow(Guid Id, string Reference, string Title, string LeadAgency, DeliveryStatus Status, Rag? Rag, DateOnly? TargetDate);

public sealed record RegisterViewModel(IReadOnlyList<RegisterRow> Rows, int Page, int PageCount, int Total);

public sealed record DetailsViewModel(Recommendation Recommendation, DateOnly Today, bool CanChange);

public sealed class ResponseForm : IValidatableObject
{
    [Required(ErrorMessage = "Select the response to this recommendation")]
    public ResponseStatus? Response { get; set; }

    [StringLength(4000, ErrorMessage = "The rationale must be 4,000 characters or fewer")]
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
