using Microsoft.AspNetCore.Hosting;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class StartupTests(AppFixture fixture)
{
    private sealed class ProductionApp(string connectionString, IReadOnlyDictionary<string, string?> settings) : ReadinessApp(connectionString, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private static Exception StartFails(ReadinessApp app)
    {
        using (app)
        {
            return Assert.ThrowsAny<Exception>(() => app.Server);
        }
    }

    [Fact]
    public void App_refuses_to_start_in_production_with_development_sign_in()
    {
        var error = StartFails(new ProductionApp(fixture.Database.ConnectionString, new Dictionary<string, string?>()));

        Assert.Contains("Auth:Mode is Dev", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_refuses_to_start_in_entra_mode_without_a_client_id_and_names_the_setting()
    {
        var error = StartFails(new ProductionApp(fixture.Database.ConnectionString, new Dictionary<string, string?> { ["Auth:Mode"] = "Entra" }));

        Assert.Contains("AzureAd:ClientId", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_refuses_to_start_with_an_unknown_protective_marking_and_names_the_setting()
    {
        var error = StartFails(new ReadinessApp(fixture.Database.ConnectionString, new Dictionary<string, string?> { ["Readiness:ProtectiveMarking"] = "SECRET-ISH" }));

        Assert.Contains("Readiness:ProtectiveMarking", error.ToString(), StringComparison.Ordinal);
    }
}
