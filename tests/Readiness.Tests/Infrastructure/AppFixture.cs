using Readiness.TestSupport;

[assembly: AssemblyFixture(typeof(Readiness.Tests.Infrastructure.AppFixture))]

namespace Readiness.Tests.Infrastructure;

/// <summary>One PostgreSQL and one running app for the whole test run; each test starts from empty tables.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public ReadinessApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.StartAsync("readiness_tests");
        App = new ReadinessApp(Database.ConnectionString);
        _ = App.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
