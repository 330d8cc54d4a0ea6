namespace Readiness.Core.Trends;

public enum ChartKind
{
    /// <summary>A line for each series across the categories (months).</summary>
    Lines,

    /// <summary>A bar for each category, the series stacked in it.</summary>
    StackedBars,
}

public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<int> Values);

/// <summary>
/// A chart as data: what it shows, a sentence stating its key numbers (its text alternative), the categories along
/// the bottom and the series. Drawn to SVG on pages; the data is also given as a table.
/// </summary>
public sealed record Chart(
    string Title,
    string Summary,
    ChartKind Kind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<ChartSeries> Series
)
{
    public int Maximum =>
        Math.Max(
            1,
            Kind == ChartKind.StackedBars
                ? Categories.Select((_, i) => Series.Sum(s => s.Values[i])).DefaultIfEmpty(0).Max()
                : Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max()
        );
}

/// <summary>The dashboard's charts from the trend measures, with their sentences.</summary>
public static class TrendCharts
{
    private static readonly System.Globalization.CultureInfo English = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    private static string Month(DateOnly day) => day.ToString("MMM yyyy", English);

    private static string Of(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static IReadOnlyList<Chart> For(TrendData data)
    {
        var labels = data.Months.Select((m, i) => i == data.Months.Count - 1 ? "Now" : Month(m.Day)).ToList();
        var first = data.Months[0];
        var now = data.Now;
        var percent = now.Total == 0 ? 0 : (int)Math.Round(100.0 * now.Complete / now.Total);
        return
        [
            new(
                "Complete against total",
                $"{now.Complete} of {now.Total} recommendations complete ({percent}%) on {data.AsAt.ToString("d MMMM yyyy", English)}, "
                    + $"from {first.Complete} of {first.Total} at the end of {Month(first.Day)}.",
                ChartKind.Lines,
                labels,
                [
                    new("Total", "#505a5f", data.Months.Select(m => m.Total).ToList()),
                    new("Complete", "#00703c", data.Months.Select(m => m.Complete).ToList()),
                ]
            ),
            new(
                "RAG over time",
                $"Now {now.Red} red, {now.Amber} amber, {now.Green} green and {now.NotAssessed} not assessed; at the end of "
                    + $"{Month(first.Day)} {first.Red} red, {first.Amber} amber and {first.Green} green.",
                ChartKind.StackedBars,
                labels,
                [
                    new("Red", "#d4351c", data.Months.Select(m => m.Red).ToList()),
                    new("Amber", "#f47738", data.Months.Select(m => m.Amber).ToList()),
                    new("Green", "#00703c", data.Months.Select(m => m.Green).ToList()),
                    new("Not assessed", "#b1b4b6", data.Months.Select(m => m.NotAssessed).ToList()),
                ]
            ),
            new(
                "Overdue over time",
                $"{Of(now.Overdue, "recommendation")} and {Of(now.OverdueMilestones, "milestone")} overdue now; the most at a month "
                    + $"end was {Of(data.Months.Max(m => m.Overdue), "recommendation")} and "
                    + $"{Of(data.Months.Max(m => m.OverdueMilestones), "milestone")}.",
                ChartKind.Lines,
                labels,
                [
                    new("Overdue recommendations", "#d4351c", data.Months.Select(m => m.Overdue).ToList()),
                    new("Overdue milestones", "#1d70b8", data.Months.Select(m => m.OverdueMilestones).ToList()),
                ]
            ),
            new(
                "How long overdue milestones are late",
                string.Join(", ", data.OverdueMilestoneAges.Select(b => $"{b.Count} late {b.Label.ToLowerInvariant()}")) + ".",
                ChartKind.StackedBars,
                data.OverdueMilestoneAges.Select(b => b.Label).ToList(),
                [new("Overdue milestones", "#d4351c", data.OverdueMilestoneAges.Select(b => b.Count).ToList())]
            ),
            new(
                "How far target dates have slipped",
                (data.MedianSlippageDays is { } median ? $"Median slippage {median} days. " : "")
                    + string.Join(", ", data.Slippage.Select(b => $"{b.Label.ToLowerInvariant()}: {b.Count}"))
                    + ".",
                ChartKind.StackedBars,
                data.Slippage.Select(b => b.Label).ToList(),
                [new("Recommendations with a target date", "#1d70b8", data.Slippage.Select(b => b.Count).ToList())]
            ),
        ];
    }
}
