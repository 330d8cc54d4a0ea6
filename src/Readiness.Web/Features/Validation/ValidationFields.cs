using Microsoft.AspNetCore.Mvc.ModelBinding;
using Readiness.Core.Recommendations;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Validation;

/// <summary>
/// How a closed recommendation's change was shown to work (method, date, reference), or "not yet validated" with the date
/// by which it will be: asked when closing and when recording a validation later.
/// </summary>
public class ValidationFields
{
    public const string Validated = "validated";
    public const string NotYet = "not-yet";

    [System.ComponentModel.DataAnnotations.StringLength(16, ErrorMessage = "Select whether the change has been validated")]
    public string? Validation { get; set; }
    public ValidationMethod? Method { get; set; }
    public DateParts ValidatedOn { get; set; } = new();

    [FitsColumn(typeof(Recommendation), nameof(Recommendation.ValidationReference), "The reference")]
    public string? ValidationReference { get; set; }

    public DateParts ValidateBy { get; set; } = new();

    public void Fill(Recommendation r)
    {
        Validation =
            r.ValidatedOn is not null ? Validated
            : r.ValidateBy is not null ? NotYet
            : null;
        Method = r.ValidationMethod;
        ValidatedOn = DateParts.From(r.ValidatedOn);
        ValidationReference = r.ValidationReference;
        ValidateBy = DateParts.From(r.ValidateBy);
    }

    /// <summary>Checks the answers, adding what to fix to <paramref name="errors"/>; the change to make when they are good.</summary>
    public Action<Recommendation>? Check(ModelStateDictionary errors, DateOnly today)
    {
        if (Validation == Validated)
        {
            if (Method is null)
            {
                errors.AddModelError(nameof(Method), "Select how the change was validated");
            }

            var (on, onError) = ValidatedOn.Parse("Validation date", required: true);
            if (onError is null && on > today)
            {
                onError = "The validation date must be today or in the past";
            }

            if (onError is not null)
            {
                errors.AddModelError(nameof(ValidatedOn), onError);
            }

            if (string.IsNullOrWhiteSpace(ValidationReference))
            {
                errors.AddModelError(
                    nameof(ValidationReference),
                    "Enter the reference of the exercise report, incident debrief, audit or inspection"
                );
            }

            return errors.IsValid ? r => r.RecordValidation(Method!.Value, on!.Value, ValidationReference!) : null;
        }

        if (Validation == NotYet)
        {
            var (by, byError) = ValidateBy.Parse("Date by which it will be validated", required: true);
            if (byError is null && by <= today)
            {
                byError = "The date by which it will be validated must be in the future";
            }

            if (byError is not null)
            {
                errors.AddModelError(nameof(ValidateBy), byError);
            }

            return errors.IsValid ? r => r.PromiseValidation(by!.Value) : null;
        }

        errors.AddModelError(nameof(Validation), "Select whether the change has been validated");
        return null;
    }
}
