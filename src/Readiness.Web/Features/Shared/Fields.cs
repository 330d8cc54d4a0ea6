using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Readiness.Web.Features.Shared;

public sealed record Choice(string Value, string Text, string? Hint = null);

public sealed record TextField(
    string Name,
    string Label,
    string? Value,
    string? Error,
    string? Hint,
    int? Rows,
    string Width,
    bool Optional
);

public sealed record ChoiceField(
    string Name,
    string Legend,
    IReadOnlyList<Choice> Options,
    string? Selected,
    string? Error,
    string? Hint,
    bool Inline,
    bool AsSelect
);

public sealed record DateField(string Name, string Legend, DateParts Value, string? Error, string? Hint);

/// <summary>Builds the models for the GOV.UK form partials, picking up each field's error from model state.</summary>
public static class Fields
{
    public static TextField Text(
        ViewDataDictionary viewData,
        string name,
        string label,
        string? value,
        string? hint = null,
        string width = "govuk-input--width-30",
        bool optional = false
    ) => new(name, label, value, FormErrors.For(viewData.ModelState, name), hint, null, width, optional);

    public static TextField TextArea(
        ViewDataDictionary viewData,
        string name,
        string label,
        string? value,
        string? hint = null,
        int rows = 5,
        bool optional = false
    ) => new(name, label, value, FormErrors.For(viewData.ModelState, name), hint, rows, "", optional);

    public static ChoiceField Radios(
        ViewDataDictionary viewData,
        string name,
        string legend,
        IReadOnlyList<Choice> options,
        string? selected,
        string? hint = null,
        bool inline = false
    ) => new(name, legend, options, selected, FormErrors.For(viewData.ModelState, name), hint, inline, false);

    public static ChoiceField Select(
        ViewDataDictionary viewData,
        string name,
        string label,
        IReadOnlyList<Choice> options,
        string? selected,
        string? hint = null
    ) => new(name, label, options, selected, FormErrors.For(viewData.ModelState, name), hint, false, true);

    public static DateField Date(
        ViewDataDictionary viewData,
        string name,
        string legend,
        DateParts? value,
        string? hint = "For example, 27 3 2027"
    ) => new(name, legend, value ?? new DateParts(), FormErrors.For(viewData.ModelState, name), hint);
}
