using System.Diagnostics;
using System.Globalization;

namespace Readiness.Benchmarks;

/// <summary>
/// The machine's processor time from /proc/stat: how busy it is, so a process's start can be timed on a machine at rest
/// (as a deploy or a scale-out starts one) and the report can say what else ran while it started.
/// </summary>
public static class MachineLoad
{
    private static readonly double MillisecondsPerTick = 1000.0 / 100; // USER_HZ, 100 on Linux

    /// <summary>Processor time used by every process on the machine so far, in ms.</summary>
    public static double BusyMilliseconds()
    {
        // cpu  user nice system idle iowait irq softirq steal ...: busy is everything but idle and iowait.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
        var ticks = fields.Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (ticks.Take(8).Sum() - ticks[3] - ticks[4]) * MillisecondsPerTick;
    }

    /// <summary>Processor time a process has used so far (its utime and stime), in ms.</summary>
    public static double ProcessMilliseconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture))
            * MillisecondsPerTick;
    }

    /// <summary>
    /// Waits until the whole machine uses under a tenth of one core for half a second (what the step before left running
    /// settles: PostgreSQL writing out a seed, this process compiling its own code), at most <paramref name="limit"/>.
    /// </summary>
    public static async Task<TimeSpan> SettleAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var window = TimeSpan.FromMilliseconds(500);
        while (clock.Elapsed < limit)
        {
            var before = BusyMilliseconds();
            await Task.Delay(window);
            if (BusyMilliseconds() - before < window.TotalMilliseconds / 10)
            {
                break;
            }
        }

        return clock.Elapsed;
    }
}
