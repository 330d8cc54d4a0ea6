using Readiness.Core.Recommendations;

namespace Readiness.Web.Features.Shared;

public static class StatusTag
{
    public static string ClassFor(DeliveryStatus status) =>
        status switch
        {
            DeliveryStatus.Complete => "govuk-tag govuk-tag--green",
            DeliveryStatus.InProgress => "govuk-tag govuk-tag--blue",
            DeliveryStatus.ClosureProposed => "govuk-tag govuk-tag--turquoise",
            DeliveryStatus.Superseded => "govuk-tag govuk-tag--grey",
            _ => "govuk-tag govuk-tag--grey",
        };

    public static string ClassFor(Rag? rag) =>
        rag switch
        {
            Rag.Red => "govuk-tag govuk-tag--red",
            Rag.Amber => "govuk-tag govuk-tag--orange",
            Rag.Green => "govuk-tag govuk-tag--green",
            _ => "govuk-tag govuk-tag--grey",
        };

    public static string DateText(DateOnly? date) =>
        date?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) ?? "Not set";

    /// <summary>An instant in London time in the given format, such as "d MMM yyyy HH:mm".</summary>
    public static string London(DateTimeOffset instant, string format) =>
        TimeZoneInfo.ConvertTime(instant, Core.LondonTime.Zone).ToString(format, System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>An instant as London people read it: 26 November 2026, 10:00.</summary>
    public static string InstantText(DateTimeOffset instant) =>
        TimeZoneInfo
            .ConvertTime(instant, Core.LondonTime.Zone)
            .ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
