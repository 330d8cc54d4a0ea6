using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Readiness.Benchmarks;

public sealed record LoadResult(long Requests, double Seconds, double MedianMs, double P95Ms, double P99Ms, long Errors)
{
    public double Throughput => Requests / Seconds;
}

/// <summary>wrk, from Debian's packages, driving one URL; a Lua done() hook prints the percentiles wrk does not.</summary>
public static partial class Wrk
{
    private const string Script = """
        done = function(summary, latency, requests)
          local errors = summary.errors.connect + summary.errors.read + summary.errors.write
            + summary.errors.status + summary.errors.timeout
          io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(95), latency:percentile(99), errors))
        end
        """;

    public static async Task<LoadResult> RunAsync(string url, string? user, int connections, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), "readiness-wrk.lua");
        await File.WriteAllTextAsync(script, Script);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (
            var argument in new[]
            {
                "-t",
                "2",
                "-c",
                connections.ToString(CultureInfo.InvariantCulture),
                "-d",
                $"{(int)duration.TotalSeconds}s",
                "--timeout",
                "30s",
                "-s",
                script,
            }
        )
        {
            start.ArgumentList.Add(argument);
        }

        if (user is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"X-Dev-User: {user}");
        }

        start.ArgumentList.Add(url);
        using var process =
            Process.Start(start) ?? throw new InvalidOperationException("wrk is not installed: run tests/benchmark.sh, which installs it.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = ResultLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk gave no result for {url}:\n{output}{await process.StandardError.ReadToEndAsync()}");
        }

        double Number(int group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new LoadResult((long)Number(1), Number(2) / 1e6, Number(3) / 1e3, Number(4) / 1e3, Number(5) / 1e3, (long)Number(6));
    }

    [GeneratedRegex(@"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)")]
    private static partial Regex ResultLine();
}
