using System.Globalization;

namespace Readiness.Benchmarks;

/// <summary>
/// A page and its raw baseline measured in turn, round after round (the order swapping each round), so both meet the
/// machine in the same state. Measured once each, minutes apart, a baseline moved by a third between runs of one build.
/// </summary>
public sealed record PairedLoad(IReadOnlyList<(LoadResult Page, LoadResult Baseline)> Rounds)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public double MedianRatio
    {
        get
        {
            var ratios = Rounds.Select(r => r.Page.Throughput / r.Baseline.Throughput).Order().ToList();
            return ratios.Count % 2 == 1 ? ratios[ratios.Count / 2] : (ratios[ratios.Count / 2 - 1] + ratios[ratios.Count / 2]) / 2;
        }
    }

    public static async Task<PairedLoad> MeasureAsync(string pageUrl, string user, string baselineUrl, int rounds, TimeSpan each)
    {
        var measured = new List<(LoadResult, LoadResult)>();
        for (var round = 0; round < rounds; round++)
        {
            if (round % 2 == 0)
            {
                var page = await RunAsync(pageUrl, user, each);
                measured.Add((page, await RunAsync(baselineUrl, null, each)));
            }
            else
            {
                var baseline = await RunAsync(baselineUrl, null, each);
                measured.Add((await RunAsync(pageUrl, user, each), baseline));
            }
        }

        return new PairedLoad(measured);
    }

    /// <summary>Each round as page/baseline requests/s, then the median share.</summary>
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{string.Join(", ", Rounds.Select(r => $"{r.Page.Throughput:F0}/{r.Baseline.Throughput:F0}"))}: median {MedianRatio:P0}"
        );

    private static async Task<LoadResult> RunAsync(string url, string? user, TimeSpan each)
    {
        await Wrk.RunAsync(url, user, 16, WarmUp);
        return await Wrk.RunAsync(url, user, 16, each);
    }
}
