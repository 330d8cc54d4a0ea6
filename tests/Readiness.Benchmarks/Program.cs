using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.TestSupport;

// Usage: dotnet run -c Release --project tests/Readiness.Benchmarks -- [--recommendations N] [--requests N]
//        dotnet run -c Release --project tests/Readiness.Benchmarks -- --reports   (board report rendering only, no database)
if (args.Contains("--reports"))
{
    ReportBenchmark.Run();
    return 0;
}

var recommendations = Option("--recommendations", 5_000);
var requests = Option("--requests", 200);

await using var database = new TestDatabase();
await database.StartAsync("readiness_benchmark");
var smtpPort = PostgresServer.FreePort();
using var smtp = netDumbster.smtp.SimpleSmtpServer.Start(smtpPort);
await using var app = new ReadinessApp(database.ConnectionString, new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning",
    ["Email:Smtp:Host"] = "127.0.0.1",
    ["Email:Smtp:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
});
var port = PostgresServer.FreePort();
app.UseKestrel(port);
app.StartServer();
app.Clock.SetUtcNow(DateTimeOffset.UtcNow);

var seeding = Stopwatch.StartNew();
await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<ScaleDataSeeder>()
        .SeedAsync(new ScaleDataSeeder.Size(Recommendations: recommendations, MilestonesEach: 10, UpdatesEach: 4), CancellationToken.None);
}

var (office, lead, milestones) = await app.WithDbAsync(async db => (
    await db.Users.Where(u => u.Role == Role.ProgrammeOffice).Select(u => u.Email).FirstAsync(),
    await db.Users.Where(u => u.Role == Role.AgencyLead).Select(u => u.Email).FirstAsync(),
    await db.Milestones.CountAsync()));
var someRecommendation = await app.WithDbAsync(db => db.Recommendations.OrderBy(r => r.Reference).Select(r => r.Id).FirstAsync());
var agency = await app.WithDbAsync(db => db.Agencies.OrderBy(a => a.Code).Select(a => a.Code).FirstAsync());
Console.WriteLine($"Seeded {recommendations:N0} recommendations and {milestones:N0} milestones in {seeding.Elapsed.TotalSeconds:F1} s.");

using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
var scenarios = new (string Name, string User, string Path)[]
{
    ("register, unfiltered", office, "/recommendations"),
    ("register, page 100 sorted by target date", office, "/recommendations?sort=target&dir=desc&page=100"),
    ("register, agency + status + overdue", office, $"/recommendations?agency={agency}&status=in-progress&overdue=true"),
    ("register, full-text search", office, "/recommendations?q=barrier+radio"),
    ("register, RAG red", office, "/recommendations?rag=red"),
    ("recommendation page", office, $"/recommendations/{someRecommendation}"),
    ("home, programme office", office, "/"),
    ("home, agency lead", lead, "/"),
};

Console.WriteLine();
Console.WriteLine($"| scenario | requests | median ms | p95 ms | max ms |");
Console.WriteLine($"|---|---:|---:|---:|---:|");
foreach (var (name, user, path) in scenarios)
{
    for (var i = 0; i < 10; i++)
    {
        await GetAsync(user, path);
    }

    var timings = new List<double>(requests);
    for (var i = 0; i < requests; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await GetAsync(user, path);
        timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    timings.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {requests} | {Percentile(timings, 0.5):F1} | {Percentile(timings, 0.95):F1} | {timings[^1]:F1} |"));
}

Console.WriteLine();
var reminderRun = Stopwatch.StartNew();
Readiness.Core.Reminders.ReminderRunSummary summary;
await using (var scope = app.Services.CreateAsyncScope())
{
    summary = await scope.ServiceProvider.GetRequiredService<Readiness.Core.Reminders.ReminderJob>().ExecuteAsync(CancellationToken.None);
}

var firstRun = reminderRun.Elapsed;
reminderRun.Restart();
await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<Readiness.Core.Reminders.ReminderJob>().ExecuteAsync(CancellationToken.None);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Reminder job over {milestones:N0} milestones: {summary.Planned:N0} reminders due, {summary.Sending.Emails:N0} emails sent to an in-process SMTP server in {firstRun.TotalSeconds:F1} s ({summary.Sending.Emails / firstRun.TotalSeconds:F0} emails/s); a second run sent nothing new in {reminderRun.Elapsed.TotalSeconds:F1} s."));
return 0;

async Task GetAsync(string user, string path)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Add("X-Dev-User", user);
    using var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
    }

    await response.Content.ReadAsByteArrayAsync();
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
