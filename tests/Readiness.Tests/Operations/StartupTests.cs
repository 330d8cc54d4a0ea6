using Microsoft.AspNetCore.Hosting;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class StartupTests(AppFixture fixture)
{
    private class EnvironmentApp(string connectionString, IReadOnlyDictionary<string, string?> settings, string environment)
        : ReadinessApp(connectionString, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
        }
    }

    private sealed class ProductionApp(string connectionString, IReadOnlyDictionary<string, string?> settings)
        : EnvironmentApp(connectionString, settings, "Production");

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
    public void App_refuses_development_sign_in_in_staging_without_the_trial_setting_and_names_it()
    {
        var error = StartFails(new EnvironmentApp(fixture.Database.ConnectionString, new Dictionary<string, string?>(), "Staging"));

        Assert.Contains("Auth:DevSignInTrial", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_refuses_development_sign_in_in_production_even_with_the_trial_setting()
    {
        var error = StartFails(
            new ProductionApp(fixture.Database.ConnectionString, new Dictionary<string, string?> { ["Auth:DevSignInTrial"] = "true" })
        );

        Assert.Contains("Auth:Mode is Dev", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_starts_in_staging_with_development_sign_in_when_the_trial_setting_is_on()
    {
        using var app = new EnvironmentApp(
            fixture.Database.ConnectionString,
            new Dictionary<string, string?> { ["Auth:DevSignInTrial"] = "true" },
            "Staging"
        );

        Assert.NotNull(app.Server);
    }

    [Fact]
    public void App_refuses_to_start_outside_development_without_a_certificate_for_the_data_protection_keys()
    {
        var error = StartFails(
            new EnvironmentApp(
                fixture.Database.ConnectionString,
                new Dictionary<string, string?> { ["Auth:DevSignInTrial"] = "true", ["DataProtection:CertificatePath"] = "" },
                "Staging"
            )
        );

        Assert.Contains("DataProtection:CertificatePath", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_refuses_to_start_in_entra_mode_without_a_client_id_and_names_the_setting()
    {
        var error = StartFails(
            new ProductionApp(fixture.Database.ConnectionString, new Dictionary<string, string?> { ["Auth:Mode"] = "Entra" })
        );

        Assert.Contains("AzureAd:ClientId", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void App_refuses_to_start_with_an_unknown_protective_marking_and_names_the_setting()
    {
        var error = StartFails(
            new ReadinessApp(
                fixture.Database.ConnectionString,
                new Dictionary<string, string?> { ["Readiness:ProtectiveMarking"] = "SECRET-ISH" }
            )
        );

        Assert.Contains("Readiness:ProtectiveMarking", error.ToString(), StringComparison.Ordinal);
    }
}
