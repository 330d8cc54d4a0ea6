using Readiness.Core;
using Readiness.Core.Data;

namespace Readiness.Web.Infrastructure;

/// <summary>`Readiness.Web VERB ...` runs an operations command against the configured database instead of the web server.</summary>
public static class OperationsCommands
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], CancellationToken, Task<int>>> Commands = new(
        StringComparer.Ordinal
    )
    {
        ["migrate"] = async (services, _, ct) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
            return 0;
        },
        ["jobs"] = async (services, args, _) =>
        {
            if (args is not ["install"])
            {
                Console.Error.WriteLine("Usage: jobs install");
                return 2;
            }

            var connectionString = services
                .GetRequiredService<IConfiguration>()
                .GetConnectionString(CoreServiceCollectionExtensions.ConnectionStringName)!;
            await Core.Reminders.HangfireSchema.InstallAsync(connectionString);
            Console.WriteLine($"Hangfire schema {Core.Reminders.HangfireSchema.Name} is up to date.");
            return 0;
        },
        ["seed-demo"] = async (services, _, ct) =>
        {
            var seeded = await services.GetRequiredService<DemoDataSeeder>().SeedAsync(ct);
            Console.WriteLine(seeded ? "Demonstration data seeded." : "Demonstration data was already present; nothing changed.");
            return 0;
        },
        ["reminders"] = async (services, args, ct) =>
        {
            if (args is not ["run"])
            {
                Console.Error.WriteLine("Usage: reminders run");
                return 2;
            }

            var summary = await services.GetRequiredService<Core.Reminders.ReminderJob>().ExecuteAsync(ct);
            Console.WriteLine(
                $"Reminders: {summary.Planned} due today, {summary.Queued} newly queued, {summary.Sending.Sent} sent in "
                    + $"{summary.Sending.Emails} emails, {summary.Sending.Failed} failed, {summary.Sending.Cancelled} cancelled."
            );
            return summary.Sending.Failed == 0 ? 0 : 1;
        },
        ["history"] = async (services, args, ct) =>
        {
            if (args is not ["record"])
            {
                Console.Error.WriteLine("Usage: history record");
                return 2;
            }

            var changed = await services.GetRequiredService<Core.Trends.StateHistoryJob>().ExecuteAsync(ct);
            Console.WriteLine($"State history: rebuilt where missing; {changed} recommendations recorded as changed today.");
            return 0;
        },
        ["state"] = async (services, args, ct) =>
        {
            var states = services.GetRequiredService<Core.Recommendations.StoredStates>();
            var today = services.GetRequiredService<TimeProvider>().Today();
            switch (args)
            {
                case ["refresh"]:
                    Console.WriteLine(
                        $"Stored state: {await states.RefreshAllAsync(today, ct)} recommendations worked out for {today:yyyy-MM-dd}."
                    );
                    return 0;
                case ["check"]:
                    var differences = await states.DifferencesAsync(today, ct);
                    differences.Take(50).ToList().ForEach(Console.Error.WriteLine);
                    Console.WriteLine($"Stored state against the rules for {today:yyyy-MM-dd}: {differences.Count} differences.");
                    return differences.Count == 0 ? 0 : 1;
                default:
                    Console.Error.WriteLine("Usage: state check | state refresh");
                    return 2;
            }
        },
        ["report"] = async (services, args, ct) =>
        {
            if (args is ["await"])
            {
                return await SpareReportProcess.AwaitOrderAsync(
                    services,
                    Console.In,
                    order => RunAsync(services, ["report", .. order], ct),
                    ct
                );
            }

            if (args is ["run", "--id", var run] && Guid.TryParse(run, out var runId))
            {
                await services.GetRequiredService<Core.Reports.ReportRunJob>().ProduceAsync(runId, ct);
                Console.WriteLine($"Report run {runId} produced.");
                return 0;
            }

            if (args is ["issue", ..])
            {
                if (Core.Reports.IssueOrder.Parse(args) is not { } order)
                {
                    Console.Error.WriteLine(IssueUsage);
                    return 2;
                }

                await services.GetRequiredService<Core.Reports.ReportIssuer>().IssueHereAsync(order, ct);
                Console.WriteLine($"Issued the {order.Request.Scope} report as at {order.Request.AsAt:yyyy-MM-dd}.");
                return 0;
            }

            if (args is not ["board", .. var options] || Option(options, "--out") is not { } output)
            {
                Console.Error.WriteLine(
                    "Usage: report board --out FILE [--review CODE] [--agency CODE] [--as-at YYYY-MM-DD] | report run --id RUN | "
                        + "report await | "
                        + IssueUsage
                );
                return 2;
            }

            var (scope, code) =
                Option(options, "--review") is { } review ? (Core.Reports.ReportScope.Review, review)
                : Option(options, "--agency") is { } agency ? (Core.Reports.ReportScope.Agency, agency)
                : (Core.Reports.ReportScope.Programme, (string?)null);
            var asAt = Option(options, "--as-at") is { } date
                ? DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : services.GetRequiredService<TimeProvider>().Today();
            var report = await services
                .GetRequiredService<Core.Reports.BoardReportService>()
                .GenerateAsync(new Core.Reports.ReportRequest(scope, code, asAt), ct);
            if (report is null)
            {
                Console.Error.WriteLine($"There is no {scope.ToString().ToLowerInvariant()} with the code {code}.");
                return 1;
            }

            await File.WriteAllBytesAsync(output, report.Pdf, ct);
            Console.WriteLine($"Wrote {output}: {report.Data.Total} recommendations, {report.Pdf.Length:N0} bytes.");
            return 0;
        },
        ["evidence"] = async (services, args, ct) =>
        {
            if (args is not ["verify", "--recommendation", var value] || !Guid.TryParse(value, out var recommendationId))
            {
                Console.Error.WriteLine("Usage: evidence verify --recommendation ID");
                return 2;
            }

            var (checkedFiles, problems) = await services
                .GetRequiredService<Core.Evidence.EvidenceVerifier>()
                .VerifyAsync(recommendationId, ct);
            problems.ToList().ForEach(Console.Error.WriteLine);
            Console.WriteLine($"{checkedFiles} evidence files checked against the SHA-256 recorded at upload; {problems.Count} problems.");
            return problems.Count == 0 ? 0 : 1;
        },
        ["seed-scale"] = async (services, args, ct) =>
        {
            var size = new ScaleDataSeeder.Size();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var value = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
                size = args[i] switch
                {
                    "--recommendations" => size with { Recommendations = value },
                    "--milestones-each" => size with { MilestonesEach = value },
                    "--updates-each" => size with { UpdatesEach = value },
                    "--seed" => size with { Seed = value },
                    "--evidence-each" => size with { EvidenceEach = value },
                    "--audit-each" => size with { AuditEach = value },
                    _ => throw new ArgumentException(
                        $"Unknown option {args[i]}: use --recommendations N, --milestones-each N, --updates-each N, --evidence-each N, "
                            + $"--audit-each N or --seed N."
                    ),
                };
            }

            await services.GetRequiredService<ScaleDataSeeder>().SeedAsync(size, ct);
            return 0;
        },
    };

    private const string IssueUsage =
        "report issue --scope Programme|Review|Agency [--code CODE] --as-at YYYY-MM-DD [--reader ROLE --sensitive true|false "
        + "[--reader-agency ID]] [--issued-by USER] [--monthly-key KEY]";

    private static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    /// <summary>
    /// A fresh database's first migrate probes for tables that do not exist yet, and EF Core logs each probe as a failed
    /// command; a real failure still stops the command with its error.
    /// </summary>
    public static void ConfigureLogging(ILoggingBuilder logging, string[] args)
    {
        if (args is ["migrate", ..])
        {
            logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        }
    }

    /// <summary>
    /// Report commands need only Core's services: a host without ASP.NET Core, MVC, sign-in and Hangfire starts sooner
    /// and holds less, and a board report's process is where memory is tightest.
    /// </summary>
    public static async Task<int> RunWithoutWebAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings
            {
                Args = args,
                EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
            }
        );
        builder.AddReadinessObservability();
        builder
            .Services.AddCoreServices(builder.Configuration)
            .AddReadinessDataProtection(builder.Configuration, builder.Environment, serving: false);
        using var host = builder.Build();
        var code = await RunAsync(host.Services, args);
        // The peak comes as the PDF is stored, in the last tenth of a second: only the process itself can say it exactly.
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        Console.WriteLine($"Peak memory (VmHWM): {process.PeakWorkingSet64 / (1024 * 1024)} MB.");
        return code;
    }

    public static Task<int> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args);

    private static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        using var scope = services.CreateScope();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await RunAsync(scope.ServiceProvider, args, cancellation.Token);
    }

    public static Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken) =>
        Commands[args[0]](services, args[1..], cancellationToken);
}
