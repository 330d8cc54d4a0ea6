using Readiness.TestSupport;

[assembly: AssemblyFixture(typeof(Readiness.Tests.Infrastructure.AppFixture))]

namespace Readiness.Tests.Infrastructure;

/// <summary>One PostgreSQL and one running app for the whole test run; each test starts from empty tables.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public ReadinessApp App { get; private set; } = null!;

    /// <summary>Where the app sends email; reminder tests run an in-process SMTP server on it.</summary>
    public int SmtpPort { get; } = PostgresServer.FreePort();

    /// <summary>One in-process SMTP server for the run: restarting one on the same port can leave the old listener taking mail.</summary>
    public netDumbster.smtp.SimpleSmtpServer Smtp { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.StartAsync("readiness_tests");
        Smtp = netDumbster.smtp.SimpleSmtpServer.Start(SmtpPort);
        App = new ReadinessApp(
            Database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Readiness:PublicBaseUrl"] = "https://readiness.test",
            }
        );
        _ = App.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Smtp.Dispose();
        await Database.DisposeAsync();
    }
}
