using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Readiness.Core.Data;
using Readiness.Core.Reports;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Starts this app again as a report process (`report await`, then its order: `report run --id ID` or `report issue ...`)
/// with a GC heap limit of its own, and waits for it: a 5,000-recommendation report (about 170 MB while it is written)
/// then never raises the web or worker process's memory. The child inherits this process's environment and reads the
/// same settings files, with the connection string and environment name set from this process's configuration, so it
/// works with the same settings. Unless <c>Reports:SpareProcess</c> is off, one is kept started and readied
/// (<see cref="SpareReportProcess"/>) for the next report, so a report does not wait for a process to start cold.
/// </summary>
public sealed class ReportProcess(
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<ReportProcessOptions> options,
    ILogger<ReportProcess> logger
) : IReportProcess, IDisposable
{
    private readonly Lock gate = new();
    private Child? spare;
    private bool disposed;

    public async Task<bool> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            using var child = await OrderAsync(arguments);
            await child.Process.WaitForExitAsync(cancellationToken);
            if (child.Process.ExitCode != 0)
            {
                logger.LogError(
                    "report {Arguments} exited with {Code}: {Errors}",
                    string.Join(' ', arguments),
                    child.Process.ExitCode,
                    await child.Errors
                );
            }
            else
            {
                logger.LogInformation(
                    "report {Arguments}: {Output}",
                    string.Join(' ', arguments),
                    string.Join(
                        ' ',
                        (await child.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    )
                );
            }

            return child.Process.ExitCode == 0;
        }
        finally
        {
            if (options.Value.SpareProcess)
            {
                TryPrepareSpare();
            }
        }
    }

    /// <summary>Readies the next report's process; when it cannot be started, each report starts its own, as it says.</summary>
    public void TryPrepareSpare()
    {
        try
        {
            PrepareSpare();
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            logger.LogError(exception, "Could not start a spare report process; the next report will start its own.");
        }
    }

    /// <summary>The process waiting for the next report's order, if one is.</summary>
    public int? SpareProcessId
    {
        get
        {
            lock (gate)
            {
                return spare?.Process.Id;
            }
        }
    }

    /// <summary>Starts a spare report process unless one is already waiting.</summary>
    private void PrepareSpare()
    {
        lock (gate)
        {
            if (!disposed && spare is not { Process.HasExited: false })
            {
                spare?.Dispose();
                spare = Child.Start(StartInfo());
            }
        }
    }

    /// <summary>Hands the order to the spare process, or to a new one when there is none or the spare has gone.</summary>
    private async Task<Child> OrderAsync(IReadOnlyList<string> arguments)
    {
        Child? waiting;
        lock (gate)
        {
            (waiting, spare) = (spare, null);
        }

        if (waiting is not null)
        {
            if (await waiting.TryOrderAsync(arguments))
            {
                return waiting;
            }

            waiting.Dispose();
        }

        var child = Child.Start(StartInfo());
        if (!await child.TryOrderAsync(arguments))
        {
            child.Dispose();
            throw new InvalidOperationException($"The report process ended before it was given its order: {string.Join(' ', arguments)}.");
        }

        return child;
    }

    private ProcessStartInfo StartInfo()
    {
        var app = typeof(Program).Assembly.Location;
        var host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host, [app, "report", "await"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(app)!,
        };
        start.Environment["ConnectionStrings__" + CoreServiceCollectionExtensions.ConnectionStringName] = KeepingOneConnection(
            configuration.GetConnectionString(CoreServiceCollectionExtensions.ConnectionStringName)
        );
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment.EnvironmentName;
        start.Environment["DOTNET_GCHeapHardLimit"] = ((long)options.Value.HeapMegabytes * 1024 * 1024).ToString(
            "X",
            CultureInfo.InvariantCulture
        );
        start.Environment["DOTNET_gcServer"] = "0";
        // A report process readies itself before its order comes, so tiered compilation's quick start buys nothing: without
        // it ReadyToRun code runs as it is and the rest is compiled optimised once, while readying. The readied 5,000-
        // recommendation report, order to end: 1.38-1.51 s against 1.80-1.88 s (by hand, runs alternated); the same peak.
        start.Environment["DOTNET_TieredCompilation"] = "0";
        // An 8 MB first generation (the app's is 16 MB): the 5,000-recommendation report's process peaked at 267-275 MB
        // against 281-306 MB, in the same 3.1-4.1 s (`report board`, max RSS sampled, runs interleaved).
        start.Environment["DOTNET_GCgen0size"] = "0x800000";
        return start;
    }

    /// <summary>
    /// A spare process waits for its order, usually for longer than Npgsql keeps an idle connection (5 minutes), and the
    /// PostgreSQL backend that ran the report's queries while it readied itself runs them faster than a new one (alone, the
    /// 5,000-recommendation lines query took 0.18-0.20 s in a new backend and 0.08 s in one that had run it; in the order,
    /// 0.27-0.35 s on a new connection against 0.14-0.26 s on the kept one). So it keeps one connection open, checked every
    /// minute so a connection that breaks while it waits is found and replaced.
    /// </summary>
    private static string? KeepingOneConnection(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return connectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.MinPoolSize = Math.Max(builder.MinPoolSize, 1);
        builder.KeepAlive = builder.KeepAlive > 0 ? builder.KeepAlive : 60;
        return builder.ConnectionString;
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            spare?.Kill();
            spare = null;
        }
    }

    /// <summary>A started report process, its output read as it comes so a full pipe never stalls it.</summary>
    private sealed class Child(Process process) : IDisposable
    {
        public Process Process { get; } = process;
        public Task<string> Output { get; } = process.StandardOutput.ReadToEndAsync();
        public Task<string> Errors { get; } = process.StandardError.ReadToEndAsync();

        public static Child Start(ProcessStartInfo start) =>
            new(
                Process.Start(start)
                    ?? throw new InvalidOperationException($"Could not start {start.FileName} {string.Join(' ', start.ArgumentList)}.")
            );

        /// <summary>Writes the order (the `report` arguments as a line of JSON), closes the input; false if the process is gone.</summary>
        public async Task<bool> TryOrderAsync(IReadOnlyList<string> arguments)
        {
            try
            {
                await Process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(arguments));
                Process.StandardInput.Close();
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <summary>Ends a spare that has no order: it has only read, so nothing is left half done.</summary>
        public void Kill()
        {
            try
            {
                Process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It had already ended.
            }

            Dispose();
        }

        public void Dispose() => Process.Dispose();
    }
}

/// <summary>Starts the first spare report process once an instance that produces reports has started.</summary>
public sealed class SpareReportProcessStarter(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<ReportProcessOptions> options
) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SpareProcess && services.GetService<ReportProcess>() is { } process)
        {
            lifetime.ApplicationStarted.Register(process.TryPrepareSpare);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// `report await`: a spare report process. It readies itself (<see cref="ReportWarmUp"/>, then lets go of the memory the
/// warming used, keeping its connections) while it waits for one order on its input: one line of JSON holding the
/// `report` arguments to run. An order that comes while it readies itself stops the readying, so a report asked for just
/// after another never waits for it. An input closed with no order (the app stopping) ends it with nothing done.
/// </summary>
public static class SpareReportProcess
{
    public static Task<int> AwaitOrderAsync(
        IServiceProvider services,
        TextReader input,
        Func<string[], Task<int>> run,
        CancellationToken cancellationToken
    ) => AwaitOrderAsync(token => ReadyAsync(services, token), input, run, cancellationToken);

    public static async Task<int> AwaitOrderAsync(
        Func<CancellationToken, Task> ready,
        TextReader input,
        Func<string[], Task<int>> run,
        CancellationToken cancellationToken
    )
    {
        // On a thread of its own: the console's input is read synchronously, whatever the method's name.
        var reading = Task.Run(input.ReadLine, CancellationToken.None);
        using (var ordered = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var readying = ready(ordered.Token);
            if (await Task.WhenAny(reading, readying) == reading)
            {
                await ordered.CancelAsync();
            }

            await readying;
        }

        cancellationToken.ThrowIfCancellationRequested();
        // Its connection stays open for the order, however long it waits (ReportProcess keeps one in the pool).
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (await reading is not { } line)
        {
            return 0;
        }

        string[]? order;
        try
        {
            order = JsonSerializer.Deserialize<string[]>(line);
        }
        catch (JsonException)
        {
            order = null;
        }

        if (order is not [_, ..] || order[0] == "await")
        {
            await Console.Error.WriteLineAsync(
                "The order was not the report arguments as one line of JSON, such as [\"run\",\"--id\",\"RUN\"]."
            );
            return 2;
        }

        return await run(order);
    }

    /// <summary>Readies the process until done or until <paramref name="cancellationToken"/> says an order has come.</summary>
    private static async Task ReadyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        try
        {
            // What the order does before its report: reading the line of JSON, and resolving its job in the scope it runs in
            // (the second resolution, when dependency injection compiles its own code). Left to the order, they and the
            // run's statements compiled 200 methods during it (92 now), about 0.05 s of processor time.
            JsonSerializer.Deserialize<string[]>("[]");
            services.GetRequiredService<ReportRunJob>();
            services.GetRequiredService<ReportIssuer>();
            await scope.ServiceProvider.GetRequiredService<ReportWarmUp>().WarmAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        catch (Exception exception)
        {
            services.GetRequiredService<ILogger<ReportWarmUp>>().LogWarning(exception, "The report process could not ready itself.");
        }
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

    /// <summary>
    /// Keep one report process started and readied for the next report, on instances that produce reports: a big report
    /// then does not wait for a process to start and warm up. It holds memory of its own while it waits.
    /// </summary>
    public bool SpareProcess { get; set; } = true;
}
