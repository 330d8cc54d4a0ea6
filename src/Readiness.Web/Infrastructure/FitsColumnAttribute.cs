using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore.Metadata;
using Readiness.Core.Data;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// A form field stored in a column may be no longer than the column: the limit is read from the database model itself,
/// so a form can never accept what PostgreSQL would refuse. <c>what</c> starts the message: "The title".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class FitsColumnAttribute(Type entity, string property, string what) : ValidationAttribute
{
    public Type Entity => entity;

    public string Property => property;

    public int? MaxLength(IModel model) =>
        (
            model.FindEntityType(entity)?.FindProperty(property)
            ?? throw new InvalidOperationException($"{entity.Name}.{property} is not a column")
        ).GetMaxLength();

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text || MaxLength(validationContext.GetRequiredService<ReadinessDbContext>().Model) is not { } max)
        {
            return ValidationResult.Success;
        }

        return text.Length <= max
            ? ValidationResult.Success
            : new ValidationResult(
                string.Create(System.Globalization.CultureInfo.GetCultureInfo("en-GB"), $"{what} must be {max:N0} characters or fewer"),
                validationContext.MemberName is { } member ? [member] : null
            );
    }
}
