using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Readiness.Web.Features.Shared;

public static class FormErrors
{
    public static string? For(ModelStateDictionary modelState, string field) =>
        modelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public static string GroupClass(ModelStateDictionary modelState, string field) =>
        For(modelState, field) is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error";
}
