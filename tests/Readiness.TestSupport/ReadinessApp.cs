using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Readiness.Core.Data;

namespace Readiness.TestSupport;

/// <summary>The real app, on a real database, with development sign-in and a clock the test controls.</summary>
public class ReadinessApp(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(DefaultNow);

    public ErrorCollector Logged { get; } = new();

    public string ConnectionString => connectionString;

    private int? kestrelPort;

    /// <summary>
    /// Serves the app over Kestrel at http://127.0.0.1:<paramref name="port"/>, given as the app's own address setting.
    /// <c>UseKestrel(port)</c> sets the address once the app is built, while the app's own thread goes on to start it:
    /// an app that listened first refused the change ("cannot be modified after the server has started").
    /// </summary>
    public void ServeOn(int port)
    {
        kestrelPort = port;
        UseKestrel();
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseContentRoot(WebProjectDirectory());
        builder.UseSetting("ConnectionStrings:Readiness", connectionString);
        builder.UseSetting("Auth:Mode", "Dev");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Reminders:RunServer", "false");
        builder.UseSetting("DataProtection:CertificatePath", TestCertificates.DataProtectionPfx);
        // Browser tests sign the same sample people in many times a minute; the limit tests set their own.
        builder.UseSetting("Security:SignInPermitsPerMinute", "100000");
        builder.UseSetting("Security:SignInPermitsPerAccountPerMinute", "100000");
        builder.UseSetting("Security:UploadPermitsPerMinute", "100000");
        // Tests reset the data between them; a cached filter list would outlive the data it came from.
        builder.UseSetting("Cache:RegisterChoicesSeconds", "0");
        builder.UseSetting("Cache:ProgrammeFiguresSeconds", "0");
        builder.UseSetting("Cache:DashboardSeconds", "0");
        // The webhook tests' receivers listen on 127.0.0.1 without TLS.
        builder.UseSetting("Webhooks:AllowLoopbackHttp", "true");
        // Big reports are produced by the job in this process: a child process would not see these in-memory settings.
        // ReportProcessTests runs the child (`report run --id`) itself.
        builder.UseSetting("Reports:OwnProcess", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (kestrelPort is { } port)
        {
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        builder.ConfigureLogging(logging => logging.AddProvider(Logged));
    }

    /// <summary>The repository's root folder, found from the solution file above wherever the running program was built.</summary>
    public static string RepositoryDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Readiness.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Readiness.sln was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>src/Readiness.Web, so static files and settings load whichever program hosts the app.</summary>
    public static string WebProjectDirectory() => Path.Combine(RepositoryDirectory(), "src", "Readiness.Web");

    /// <summary>
    /// Hangfire keeps its log provider in a static; an app stopped by another test would leave it pointing at disposed
    /// logging. Tests that run Hangfire servers route its logs to this app first.
    /// </summary>
    public void RouteHangfireLogsHere() =>
        Hangfire.GlobalConfigurationExtensions.UseLogProvider(
            Hangfire.GlobalConfiguration.Configuration,
            new Hangfire.AspNetCore.AspNetCoreLogProvider(Services.GetRequiredService<ILoggerFactory>())
        );

    /// <summary>A Hangfire server working only the big board reports' queue, as each instance runs one (test apps run none).</summary>
    public Hangfire.BackgroundJobServer WorkReportsQueue()
    {
        RouteHangfireLogsHere();
        return new Hangfire.BackgroundJobServer(
            new Hangfire.BackgroundJobServerOptions
            {
                Queues = [Core.Reports.ReportRunJob.Queue],
                WorkerCount = 1,
                Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(Services.GetRequiredService<IServiceScopeFactory>()),
            },
            Services.GetRequiredService<Hangfire.JobStorage>()
        );
    }

    /// <summary>Runs work against the app's own services in a fresh scope, as a job or command would.</summary>
    public async Task<T> WithDbAsync<T>(Func<ReadinessDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ReadinessDbContext>());
    }

    public Task WithDbAsync(Func<ReadinessDbContext, Task> work) =>
        WithDbAsync(async db =>
        {
            await work(db);
            return true;
        });

    public Task SaveAsync(params object[] entities) =>
        WithDbAsync(async db =>
        {
            db.AddRange(entities);
            await db.SaveChangesAsync();
        });
}
