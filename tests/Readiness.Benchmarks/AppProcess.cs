using System.Diagnostics;
using System.Globalization;
using System.Net;
using Readiness.TestSupport;

namespace Readiness.Benchmarks;

/// <summary>
/// The built app (Release) as its own process, as it runs in production, with development sign-in for the load tool: a web
/// instance serving pages, or a worker instance running the Hangfire servers (reminders, and big board reports, which it
/// produces in a child process), as the Kubernetes and compose files deploy them.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<double> reportPeaks;

    private AppProcess(
        Process process,
        System.Collections.Concurrent.ConcurrentQueue<double> reportPeaks,
        int port,
        TimeSpan firstPage,
        TimeSpan settled,
        double othersMilliseconds
    )
    {
        this.process = process;
        this.reportPeaks = reportPeaks;
        Port = port;
        FirstPage = firstPage;
        Settled = settled;
        OthersMilliseconds = othersMilliseconds;
    }

    public int Port { get; }

    public TimeSpan FirstPage { get; }

    /// <summary>How long the machine took to come to rest before the process was started.</summary>
    public TimeSpan Settled { get; }

    /// <summary>Processor time the rest of the machine used between the start and the first page, in ms.</summary>
    public double OthersMilliseconds { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The most memory the process has held (VmHWM, its peak resident set), in MB.</summary>
    public double PeakMegabytes => PeakOf(process.Id);

    /// <summary>0 for a process that has no memory of its own to report (one just started, or exited and not yet reaped).</summary>
    private static double PeakOf(int processId) =>
        File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0
            : 0;

    /// <summary>The peaks the worker's report processes gave as they ended (their own VmHWM, logged by the worker), in MB.</summary>
    public IReadOnlyList<double> ReportProcessPeaks => [.. reportPeaks];

    /// <summary>The highest peak (VmHWM) among the processes this one has started and that still run (the report process), in MB.</summary>
    public double ChildrenPeakMegabytes()
    {
        var peak = 0.0;
        foreach (var children in Directory.EnumerateDirectories($"/proc/{process.Id}/task").Select(t => Path.Combine(t, "children")))
        {
            try
            {
                foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    peak = Math.Max(peak, PeakOf(int.Parse(child, CultureInfo.InvariantCulture)));
                }
            }
            catch (IOException) { }
        }

        return peak;
    }

    public static async Task<AppProcess> StartAsync(
        string connectionString,
        int smtpPort,
        string firstPageUser,
        bool runsJobs = false,
        bool countsSqlCommands = false
    )
    {
        var port = PostgresServer.FreePort();
        var start = Start(connectionString, smtpPort, []);
        // Counting traces every SQL command (an Activity each, set as current): a process under load does not, as in production.
        start.Environment["Diagnostics__ServerTiming"] = countsSqlCommands ? "true" : "false";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Reminders__RunServer"] = runsJobs ? "true" : "false";
        var settled = await MachineLoad.SettleAsync(TimeSpan.FromSeconds(15));
        var busyBefore = MachineLoad.BusyMilliseconds();
        var clock = Stopwatch.StartNew();
        // The worker logs each report process's last words, its peak memory among them.
        start.Environment["Logging__LogLevel__Readiness.Web.Infrastructure.ReportProcess"] = "Information";
        var process = Process.Start(start)!;
        var reportPeaks = new System.Collections.Concurrent.ConcurrentQueue<double>();
        // What it logs is warnings and errors (Logging__LogLevel__Default=Warning), and that one line: shown, so a failed job
        // retried behind the figures is seen.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (ReportPeak().Match(e.Data) is { Success: true } peak)
            {
                reportPeaks.Enqueue(double.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture));
            }
            else
            {
                Console.Error.WriteLine("app log: " + e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("app: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/");
                request.Headers.Add("X-Dev-User", firstPageUser);
                if ((await http.SendAsync(request)).StatusCode == HttpStatusCode.OK)
                {
                    var firstPage = clock.Elapsed;
                    var others = MachineLoad.BusyMilliseconds() - busyBefore - MachineLoad.ProcessMilliseconds(process.Id);
                    return new AppProcess(process, reportPeaks, port, firstPage, settled, Math.Max(0, others));
                }
            }
            catch (HttpRequestException) { }

            await Task.Delay(20);
        }

        throw new InvalidOperationException("The app did not serve its first page within 60 s.");
    }

    /// <summary>Runs an operations command (seed-scale, reminders run) with the same settings and waits for it.</summary>
    public static async Task<(TimeSpan Elapsed, string Output)> RunCommandAsync(
        string connectionString,
        int smtpPort,
        params string[] arguments
    )
    {
        var clock = Stopwatch.StartNew();
        var result = await ProcessRun.RunAsync(Start(connectionString, smtpPort, arguments));
        return result.ExitCode == 0
            ? (clock.Elapsed, result.Output)
            : throw new InvalidOperationException($"{string.Join(" ", arguments)} failed:\n{result.Output}");
    }

    private static ProcessStartInfo Start(string connectionString, int smtpPort, string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppDirectory, "Readiness.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["ASPNETCORE_CONTENTROOT"] = PublishedDirectory ?? ReadinessApp.WebProjectDirectory();
        start.Environment["ConnectionStrings__Readiness"] = connectionString;
        start.Environment["Auth__Mode"] = "Dev";
        start.Environment["Auth__DevSignInTrial"] = "true";
        start.Environment["DataProtection__CertificatePath"] = Readiness.TestSupport.TestCertificates.DataProtectionPfx;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // As in the Kubernetes Deployment (memory limit 512Mi, of which .NET takes 75% for its heap by default): without a
        // limit the GC lets garbage pile up on a machine with 24 GB free, and the peak measures its laziness, not the need.
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x18000000"; // 384 MB
        foreach (var (name, value) in DeployedRuntimeSettings())
        {
            start.Environment[name] = value;
        }

        start.Environment["Security__SignInPermitsPerMinute"] = "1000000";
        start.Environment["Email__Smtp__Host"] = "127.0.0.1";
        start.Environment["Email__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>
    /// The app as the container image publishes it (ReadyToRun), when tests/benchmark.sh has published it there
    /// (READINESS_APP_DIRECTORY); otherwise this project's build output.
    /// </summary>
    private static readonly string? PublishedDirectory = Environment.GetEnvironmentVariable("READINESS_APP_DIRECTORY");

    private static string AppDirectory => PublishedDirectory ?? AppContext.BaseDirectory;

    public static string Build =>
        PublishedDirectory is null ? "the build output, without ReadyToRun" : "published with ReadyToRun, as in the container image";

    /// <summary>The runtime settings the container image sets (DOTNET_ and MALLOC_ variables), so the benchmark measures them.</summary>
    private static IEnumerable<(string Name, string Value)> DeployedRuntimeSettings() =>
        System
            .Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(Path.Combine(ReadinessApp.RepositoryDirectory(), "deploy", "container", "Dockerfile")),
                @"\b((?:DOTNET|MALLOC)_\w+)=(\S+)"
            )
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value));

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Peak memory \(VmHWM\): (\d+) MB")]
    private static partial System.Text.RegularExpressions.Regex ReportPeak();
}
