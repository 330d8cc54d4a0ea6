using System.Diagnostics;
using System.Globalization;
using Readiness.Core.Reports;
using Readiness.Core.Trends;

/// <summary>Times board report rendering (layout and tagged PDF) for 150, 1,000 and 5,000 recommendations; reports peak memory.</summary>
internal static class ReportBenchmark
{
    public static void Run()
    {
        Console.WriteLine("| recommendations | pages | bytes | median ms (warm) | p95 ms | peak working set MB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var size in new[] { 150, 1_000, 5_000 })
        {
            var data = Sample(size);
            BoardReport.Render(data, DateTimeOffset.UnixEpoch);
            var timings = new List<double>();
            byte[] pdf = [];
            for (var i = 0; i < 20; i++)
            {
                var started = Stopwatch.GetTimestamp();
                pdf = BoardReport.Render(data, DateTimeOffset.UnixEpoch);
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            timings.Sort();
            using var process = Process.GetCurrentProcess();
            var peak = process.PeakWorkingSet64;
            using var read = UglyToad.PdfPig.PdfDocument.Open(pdf);
            Console.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {size:N0} | {read.NumberOfPages} | {pdf.Length:N0} | {timings[timings.Count / 2]:F0} | "
                        + $"{timings[(int)(timings.Count * 0.95)]:F0} | {peak / (1024.0 * 1024):F0} |"
                )
            );
        }
    }

    private static BoardReportData Sample(int size)
    {
        var random = new Random(7);
        var agencies = Enumerable.Range(1, 13).Select(n => $"Sample agency {n}").ToList();
        var lines = Enumerable
            .Range(1, size)
            .Select(n =>
                (
                    Agency: agencies[n % agencies.Count],
                    Line: new RecommendationLine(
                        $"2022-{n:D4}",
                        $"Sample recommendation {n} about multi-agency command and public warning",
                        n % 3 == 0 ? "Complete" : "In progress",
                        n % 4 == 0 ? "Red" : "Green",
                        "Sample reason for the RAG rating.",
                        random.Next(0, 4),
                        4,
                        new DateOnly(2027, 1, 1).AddDays(n % 200),
                        "Sample update: the working group met, reviewed the plan and agreed next steps with partners. This is "
                            + "demonstration text."
                    )
                )
            )
            .ToList();
        return new BoardReportData(
            "Readiness board progress report",
            "The whole programme",
            ["Sample review"],
            new DateOnly(2026, 11, 26),
            "OFFICIAL",
            true,
            size,
            [new("In progress", size * 2 / 3, "InProgress"), new("Complete", size / 3, "Complete")],
            [new("Red", size / 4, "Red"), new("Green", size * 3 / 4, "Green")],
            33,
            ["Nothing changed."],
            agencies.Select(a => new AgencyStatusLine(a, 1, size / 20, 0, size / 40, 0)).ToList(),
            Enumerable
                .Range(1, size / 10)
                .Select(n => new OverdueLine($"2022-{n:D4}", "Sample milestone", agencies[n % 13], new DateOnly(2026, 10, 1), 56))
                .ToList(),
            Enumerable
                .Range(1, size / 10)
                .Select(n => new SlippageLine($"2022-{n:D4}", "Sample title", new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1), 151))
                .ToList(),
            lines.GroupBy(l => l.Agency).Select(g => new AgencySection(g.Key, g.Select(l => l.Line).ToList())).ToList(),
            Trend: Trend(size)
        );
    }

    /// <summary>Two years of month ends rising to the sample's figures, so the report draws its progress charts.</summary>
    private static TrendData Trend(int size)
    {
        var months = Enumerable
            .Range(0, 25)
            .Select(m => new MonthPoint(
                new DateOnly(2024, 12, 1).AddMonths(m).AddDays(-1),
                size,
                size * m / 72,
                0,
                size / 4,
                size / 8,
                size * m / 50,
                m,
                2 * m
            ))
            .ToList();
        return new TrendData(
            "The whole programme",
            new DateOnly(2026, 11, 26),
            months,
            new Forecast(
                size * 2 / 3,
                4.2,
                new DateOnly(2028, 3, 1),
                new DateOnly(2027, 9, 1),
                new DateOnly(2029, 1, 1),
                new DateOnly(2027, 12, 31)
            ),
            [new("0 to 30 days", size / 20), new("31 to 90 days", size / 30), new("91 to 180 days", size / 50), new("Over 180 days", 2)],
            size / 5,
            size / 3,
            30,
            [
                new("Not slipped", size / 2),
                new("1 to 30 days", size / 5),
                new("31 to 90 days", size / 10),
                new("91 to 180 days", 5),
                new("Over 180 days", 1),
            ],
            [],
            0
        );
    }
}
