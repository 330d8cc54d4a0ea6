using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Shared;

/// <summary>A GOV.UK date input's three fields, bound as typed, so that a wrong date comes back to the person as they wrote it.</summary>
public sealed class DateParts
{
    private const string AsNumbers = "Enter the date as numbers, like 27 3 2027";

    [StringLength(2, ErrorMessage = AsNumbers)]
    public string? Day { get; set; }

    [StringLength(2, ErrorMessage = AsNumbers)]
    public string? Month { get; set; }

    [StringLength(4, ErrorMessage = AsNumbers)]
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts From(DateOnly? date) =>
        date is { } d
            ? new DateParts
            {
                Day = d.Day.ToString(CultureInfo.InvariantCulture),
                Month = d.Month.ToString(CultureInfo.InvariantCulture),
                Year = d.Year.ToString(CultureInfo.InvariantCulture),
            }
            : new DateParts();

    /// <summary>The date, or the GOV.UK-style message that says what to fix. <paramref name="label"/> starts with a capital.</summary>
    public (DateOnly? Date, string? Error) Parse(string label, bool required)
    {
        if (IsEmpty)
        {
            return (null, required ? $"Enter the {label.ToLowerInvariant()}" : null);
        }

        var missing = new[] { ("day", Day), ("month", Month), ("year", Year) }
            .Where(p => string.IsNullOrWhiteSpace(p.Item2))
            .Select(p => p.Item1)
            .ToList();
        if (missing.Count > 0)
        {
            return (null, $"{label} must include a {string.Join(" and ", missing)}");
        }

        if (
            !int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        )
        {
            return (null, $"{label} must be a real date");
        }

        if (year is < 1000 or > 9999)
        {
            return (null, "Year must include 4 numbers");
        }

        if (year is < 2000 or > 2100)
        {
            return (null, $"{label} must be between 2000 and 2100");
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, $"{label} must be a real date");
        }

        return (new DateOnly(year, month, day), null);
    }
}
