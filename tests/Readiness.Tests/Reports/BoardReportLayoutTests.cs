using Readiness.Core.Reports;
using Readiness.Core.Reports.Layout;

namespace Readiness.Tests.Reports;

/// <summary>The board report laid out from data with a row in every one of its tables; no database needed.</summary>
public sealed class BoardReportLayoutTests
{
    private static readonly DateOnly AsAt = new(2026, 12, 1);

    private static BoardReportData EveryTable() =>
        new(
            "Readiness board progress report",
            "The whole programme",
            ["Harris review 2022"],
            AsAt,
            "OFFICIAL",
            false,
            1,
            [new("In progress", 1, "InProgress")],
            [new("Red", 1, "Red")],
            0,
            [],
            [new("London Fire Brigade", 0, 1, 0, 0, 0)],
            [new("2022-017", "Joint exercise held", "London Fire Brigade", AsAt.AddDays(-30), 30)],
            [new("2022-017", "Joint exercising", AsAt.AddDays(-90), AsAt.AddDays(60), 150)],
            [
                new(
                    "London Fire Brigade",
                    [new("2022-017", "Joint exercising", "In progress", "Red", "Red: overdue", 0, 1, AsAt.AddDays(-30), null)]
                ),
            ],
            Disagreements: [new("2022-017", "Joint exercising", "Green", "On track", "Red", "The exercise has not been held")],
            Blocked: [new("2022-017", "Joint exercising", "Funding", AsAt.AddDays(-10), "Awaiting the budget", "None")]
        );

    [Fact]
    public void Every_table_heading_breaks_between_words_never_inside_one()
    {
        var data = EveryTable();
        var tables = BoardReport.Blocks(data).OfType<TableBlock>().ToList();
        var words = tables.SelectMany(t => t.Headers).SelectMany(h => h.Split(' ')).ToHashSet(StringComparer.Ordinal);

        // Table headings are the only text set in the small bold face.
        var headingLines = PageLayout
            .Lay(BoardReport.Blocks(data))
            .OfType<Text>()
            .Where(t => t.Font == PageLayout.SmallBold)
            .Select(t => t.Value.Trim())
            .ToList();

        Assert.Equal(5, tables.Count);
        Assert.NotEmpty(headingLines);
        Assert.All(headingLines, line => Assert.All(line.Split(' '), word => Assert.Contains(word, words)));
    }

    [Fact]
    public void A_layout_that_fails_part_way_fails_the_report_rather_than_giving_the_pages_written_so_far()
    {
        // The layout runs on a thread of its own beside the writer: its failure, after the summary pages, must reach here.
        var broken = EveryTable() with
        {
            Sections = null!,
        };

        Assert.Throws<NullReferenceException>(() => BoardReport.Render(broken, DateTimeOffset.UnixEpoch));
    }
}
