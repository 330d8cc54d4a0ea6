using Readiness.Core.Data;

namespace Readiness.Web.Infrastructure;

/// <summary>`Readiness.Web VERB ...` runs an operations command against the configured database instead of the web server.</summary>
public static class OperationsCommands
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], CancellationToken, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["migrate"] = async (services, _, ct) =>
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
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
            Console.WriteLine($"Reminders: {summary.Planned} due today, {summary.Queued} newly queued, {summary.Sending.Sent} sent in {summary.Sending.Emails} emails, {summary.Sending.Failed} failed, {summary.Sending.Cancelled} cancelled.");
            return summary.Sending.Failed == 0 ? 0 : 1;
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
                    _ => throw new ArgumentException($"Unknown option {args[i]}: use --recommendations N, --milestones-each N, --updates-each N or --seed N."),
                };
            }

            await services.GetRequiredService<ScaleDataSeeder>().SeedAsync(size, ct);
            return 0;
        },
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        using var scope = app.Services.CreateScope();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await Commands[args[0]](scope.ServiceProvider, args[1..], cancellation.Token);
    }
}
