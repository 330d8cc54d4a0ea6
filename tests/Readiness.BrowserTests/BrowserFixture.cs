using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Readiness.Core.Data;
using Readiness.TestSupport;

[assembly: AssemblyFixture(typeof(Readiness.BrowserTests.BrowserFixture))]

namespace Readiness.BrowserTests;

/// <summary>The app on a real port over a real database, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public TestDatabase Database { get; } = new();

    public ReadinessApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await Database.StartAsync("readiness_browser_tests");
        var port = PostgresServer.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        // Every board report goes to the background, as a 5,000-recommendation one does, so the progress page is tested.
        App = new ReadinessApp(
            Database.ConnectionString,
            new Dictionary<string, string?> { ["Readiness:BackgroundReportThreshold"] = "0" }
        );
        App.ServeOn(port);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("READINESS_CHROMIUM") ?? "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            }
        );
    }

    /// <summary>Empties the database and loads the demonstration data, as a fresh local run would.</summary>
    public async Task ResetToDemoDataAsync()
    {
        await Database.ResetAsync();
        App.Clock.SetUtcNow(ReadinessApp.DefaultNow);
        await App.WithDbAsync(db => ActivatorUtilities.CreateInstance<DemoDataSeeder>(App.Services, db).SeedAsync(CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
