using System.Collections.Concurrent;
using System.Globalization;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports.Layout;

namespace Readiness.Core.Reports;

/// <summary>
/// Turns a board report's data into its pages: cover, summary, chart, overdue milestones, slippage, then a section per lead agency.
/// </summary>
public static class BoardReport
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// Lays the report out on a thread of its own, handing each page to the writer as it is laid, so the two run side by
    /// side and no page's commands outlive its drawing. The 5,000-recommendation report: see README, "Performance".
    /// </summary>
    public static byte[] Render(BoardReportData data, DateTimeOffset created)
    {
        using var stop = new CancellationTokenSource();
        using var laid = new BlockingCollection<List<Command>>(boundedCapacity: 16);
        var laying = Task.Run(
            () =>
            {
                try
                {
                    PageLayout.Lay(Blocks(data), page => laid.Add(page, stop.Token));
                }
                finally
                {
                    laid.CompleteAdding();
                }
            },
            CancellationToken.None
        );
        try
        {
            var pdf = TaggedPdfWriter.Write(
                laid.GetConsumingEnumerable().SelectMany(page => page),
                $"{data.Title}: {data.ScopeDescription}, as at {Date(data.AsAt)}",
                data.Marking,
                data.IsSampleData ? "Sample data for demonstration: not real information about any agency." : null,
                created
            );
            laying.GetAwaiter().GetResult();
            return pdf;
        }
        catch
        {
            // A writer that failed stops the layout waiting for room to hand over its next page.
            stop.Cancel();
            try
            {
                laying.Wait(CancellationToken.None);
            }
            catch (AggregateException) { }

            throw;
        }
    }

    public static IEnumerable<Block> Blocks(BoardReportData data)
    {
        yield return new HeadingBlock(1, data.Title);
        yield return new ParagraphBlock(data.ScopeDescription, Bold: true);
        yield return new ParagraphBlock($"Position as at {Date(data.AsAt)}.");
        yield return new ParagraphBlock($"Protective marking: {data.Marking}.");
        if (data.Withheld > 0)
        {
            yield return new ParagraphBlock(
                $"{data.Withheld} OFFICIAL-SENSITIVE recommendation{(data.Withheld == 1 ? " is" : "s are")} withheld from this report: "
                    + "it was produced for a reader without need to know them.",
                Bold: true
            );
        }

        yield return new ParagraphBlock(
            data.Reviews.Count == 0 ? "No reviews are in scope." : $"Covers: {string.Join("; ", data.Reviews)}."
        );
        if (data.IsSampleData)
        {
            yield return new ParagraphBlock(
                "Sample data: this report is made from demonstration data written for the Readiness service. It quotes no review and "
                    + "says nothing about what any real agency has done.",
                Bold: true
            );
        }

        yield return new HeadingBlock(2, "Executive summary");
        yield return new TilesBlock([
            (data.Total.ToString(English), "recommendations"),
            ($"{data.PercentComplete}%", "complete"),
            .. data
                .ByStatus.Where(s => s.Key is nameof(DeliveryStatus.InProgress) or nameof(DeliveryStatus.NotStarted))
                .Select(s => (s.Count.ToString(English), s.Status.ToLowerInvariant())),
            .. data.ByRag.Select(r =>
                (r.Count.ToString(English), r.Key == StatusCount.NotAssessed ? "RAG not assessed" : $"RAG {r.Status.ToLowerInvariant()}")
            ),
            (data.OverdueMilestones.Count.ToString(English), "overdue milestones"),
            (data.Slippage.Count.ToString(English), "with slipped dates"),
            .. data.ResponsesOverdue > 0
                ? [(data.ResponsesOverdue.ToString(English), "responses overdue")]
                : Array.Empty<(string, string)>(),
            .. data.Blocked is { Count: > 0 } blocked
                ? [(blocked.Count.ToString(English), "not progressing")]
                : Array.Empty<(string, string)>(),
            .. data.RepeatsOfEarlierReviews > 0
                ? [(data.RepeatsOfEarlierReviews.ToString(English), "repeat earlier reviews")]
                : Array.Empty<(string, string)>(),
        ]);
        if (data.Validation is { } v && v.ClosedValidated + v.ClosedNotYetValidated + v.NeedRevalidation > 0)
        {
            yield return new ParagraphBlock(
                $"Proof that it worked: of {v.ClosedValidated + v.ClosedNotYetValidated} closed as delivered, {v.ClosedValidated} "
                    + $"validated by an exercise, real incident, audit or inspection and {v.ClosedNotYetValidated} not yet validated "
                    + $"({v.ValidationOverdue} past the date promised). {v.NeedRevalidation} need re-validation because accepted "
                    + "evidence has expired."
            );
        }

        yield return new ParagraphBlock(
            "By delivery status: " + string.Join(", ", data.ByStatus.Select(s => $"{s.Status.ToLowerInvariant()} {s.Count}")) + "."
        );
        yield return new HeadingBlock(2, "What changed since the last report");
        foreach (var change in data.ChangesSinceLastReport.Take(40))
        {
            yield return new ParagraphBlock(change);
        }

        if (data.ChangesSinceLastReport.Count > 40)
        {
            yield return new ParagraphBlock($"And {data.ChangesSinceLastReport.Count - 40} more changes.");
        }

        if (data.Trend is { } trend)
        {
            yield return new HeadingBlock(2, "Progress over time");
            var charts = Trends.TrendCharts.For(trend);
            foreach (var chart in new[] { charts[0], charts[1], charts[3] })
            {
                yield return new ParagraphBlock($"{chart.Title}: {chart.Summary}");
                yield return new TrendChartBlock(chart);
            }
        }

        yield return new HeadingBlock(2, "Status by lead agency");
        if (data.StatusByAgency.Count > 0)
        {
            Colour[] colours = [new(177, 180, 182), new(29, 112, 184), new(40, 161, 151), new(0, 112, 60), new(80, 90, 95)];
            string[] names = ["Not started", "In progress", "Closure proposed", "Complete", "Superseded"];
            yield return new BarChartBlock(
                "Bar chart of recommendations by lead agency and delivery status. "
                    + string.Join(
                        " ",
                        data.StatusByAgency.Select(a =>
                            $"{a.Agency}: {a.Total} in all, {a.NotStarted} not started, {a.InProgress} in progress, {a.ClosureProposed} "
                            + $"closure proposed, {a.Complete} complete, {a.Superseded} superseded."
                        )
                    ),
                data.StatusByAgency.Select(a => a.Agency).ToList(),
                names.Zip(colours).ToList(),
                data.StatusByAgency.Select(a => new[] { a.NotStarted, a.InProgress, a.ClosureProposed, a.Complete, a.Superseded }).ToList()
            );
        }

        yield return new HeadingBlock(2, "Overdue milestones");
        yield return data.OverdueMilestones.Count == 0
            ? new ParagraphBlock("No milestones are overdue.")
            : new TableBlock(
                ["Reference", "Milestone", "Delivering agency", "Due", "Days overdue"],
                [0.14, 0.38, 0.24, 0.13, 0.11],
                data.OverdueMilestones.Select(o =>
                        (IReadOnlyList<string>)[o.Reference, o.Milestone, o.Agency, Date(o.DueDate), o.DaysOverdue.ToString(English)]
                    )
                    .ToList()
            );
        yield return new HeadingBlock(2, "Slippage");
        yield return data.Slippage.Count == 0
            ? new ParagraphBlock("No target dates have moved.")
            : new TableBlock(
                ["Reference", "Title", "Original target", "Current target", "Slippage (days)"],
                [0.14, 0.42, 0.15, 0.15, 0.14],
                data.Slippage.Select(s =>
                        (IReadOnlyList<string>)
                            [s.Reference, s.Title, Date(s.OriginalTargetDate), Date(s.CurrentTargetDate), s.SlippageDays.ToString(English)]
                    )
                    .ToList()
            );

        yield return new HeadingBlock(2, "Where the programme office's assessment differs");
        yield return data.Disagreements is not { Count: > 0 } disagreements
            ? new ParagraphBlock("The programme office's assured RAG agrees with the owning agency's wherever both are set.")
            : new TableBlock(
                ["Reference", "Title", "Agency's RAG", "Agency's reason", "Assured RAG", "Programme office's reason"],
                [0.12, 0.22, 0.1, 0.23, 0.1, 0.23],
                disagreements
                    .Select(d => (IReadOnlyList<string>)[d.Reference, d.Title, d.AgencyRag, d.AgencyReason, d.AssuredRag, d.AssuredReason])
                    .ToList()
            );

        yield return new HeadingBlock(2, "Not progressing");
        yield return data.Blocked is not { Count: > 0 } blockers
            ? new ParagraphBlock("No recommendation is recorded as not progressing.")
            : new TableBlock(
                ["Reference", "Title", "Blocked by", "Since", "Note", "Depends on"],
                [0.12, 0.23, 0.14, 0.11, 0.28, 0.12],
                blockers
                    .Select(b =>
                        (IReadOnlyList<string>)
                            [
                                b.Reference,
                                b.Title,
                                b.Blocker,
                                b.Since is { } since ? Date(since) : "",
                                b.Note,
                                b.DependsOn.Length == 0 ? "None" : b.DependsOn,
                            ]
                    )
                    .ToList()
            );

        foreach (var section in data.Sections)
        {
            yield return new PageBreakBlock();
            yield return new HeadingBlock(2, section.Agency);
            yield return new ParagraphBlock($"{section.Recommendations.Count} recommendations led by {section.Agency}.");
            yield return new TableBlock(
                ["Reference", "Title", "Status", "RAG and reason", "Milestones", "Next due", "Latest progress"],
                [0.105, 0.2, 0.095, 0.18, 0.105, 0.095, 0.22],
                section
                    .Recommendations.Select(r =>
                        (IReadOnlyList<string>)
                            [
                                r.Reference,
                                r.Title,
                                r.Status,
                                $"{r.Rag ?? "Not assessed"}: {r.RagReason}",
                                $"{r.MilestonesDone} of {r.MilestonesTotal}",
                                r.NextDue is { } due ? Date(due) : "None",
                                Shorten(r.LatestNarrative ?? "No update yet.", 280),
                            ]
                    )
                    .ToList()
            );
        }
    }

    private static string Date(DateOnly date) => date.ToString("d MMM yyyy", English);

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 3)] + "...";
}
