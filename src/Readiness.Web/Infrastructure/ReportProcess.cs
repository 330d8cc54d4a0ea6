using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Readiness.Core.Data;
using Readiness.Core.Reports;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Starts this app again as `report run --id ID` (or `report issue ...`) with a GC heap limit of its own, and waits for
/// it: a 5,000-recommendation report (about 170 MB while it is written) then never raises the web or worker process's
/// memory. The child inherits this process's environment and reads the same settings files, with the connection string
/// and environment name set from this process's configuration, so it works with the same settings.
/// </summary>
public sealed class ReportProcess(
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<ReportProcessOptions> options,
    ILogger<ReportProcess> logger
) : IReportProcess
{
    public async Task<bool> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var app = typeof(Program).Assembly.Location;
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host, [app, "report", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["ConnectionStrings__" + CoreServiceCollectionExtensions.ConnectionStringName] = configuration.GetConnectionString(
            CoreServiceCollectionExtensions.ConnectionStringName
        );
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment.EnvironmentName;
        start.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.Value.HeapMegabytes * 1024 * 1024).ToString(
            "X",
            CultureInfo.InvariantCulture
        );
        start.Environment["DOTNET_gcServer"] = "0";
        // A one-shot process gains nothing from profile-guided tiering; without it a 5,000-recommendation report took
        // 3.9-4.9 s from start to exit against 4.2-5.3 s (three runs each, alternately).
        start.Environment["DOTNET_TieredPGO"] = "0";
        // An 8 MB first generation (the app's is 16 MB): the 5,000-recommendation report's process peaked at 267-275 MB
        // against 281-306 MB, in the same 3.1-4.1 s (`report board`, max RSS sampled, runs interleaved).
        start.Environment["DOTNET_GCgen0size"] = "0x800000";
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host} {app}.");
        var output = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        if (child.ExitCode != 0)
        {
            logger.LogError("report {Arguments} exited with {Code}: {Errors}", string.Join(' ', arguments), child.ExitCode, await errors);
        }
        else
        {
            logger.LogInformation("report {Arguments}: {Output}", string.Join(' ', arguments), (await output).Trim());
        }

        return child.ExitCode == 0;
    }
}

/// <summary>Settings for big board reports produced in a process of their own (<see cref="ReportProcess"/>).</summary>
public sealed class ReportProcessOptions
{
    public const string Section = "Reports";

    /// <summary>Produce big reports in a separate process; off, the job produces them in the app's own process.</summary>
    public bool OwnProcess { get; set; } = true;

    /// <summary>The separate process's GC heap limit.</summary>
    [System.ComponentModel.DataAnnotations.Range(64, 8192, ErrorMessage = "Reports:HeapMegabytes must be between 64 and 8192.")]
    public int HeapMegabytes { get; set; } = 256;
}
