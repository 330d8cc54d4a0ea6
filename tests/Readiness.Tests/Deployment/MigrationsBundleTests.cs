using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Deployment;

/// <summary>The migration Job's script, with the EF Core bundle tests/run.sh builds, on an empty database.</summary>
public sealed class MigrationsBundleTests(AppFixture fixture)
{
    [Fact]
    public async Task The_migration_script_brings_an_empty_database_to_the_current_schema_and_a_second_run_changes_nothing()
    {
        var bundle = Environment.GetEnvironmentVariable("READINESS_EFBUNDLE");
        if (string.IsNullOrEmpty(bundle))
        {
            Assert.Skip("READINESS_EFBUNDLE is not set: tests/run.sh builds the migrations bundle and sets it.");
        }

        var connectionString = await fixture.Database.Server.CreateDatabaseAsync($"bundle_{Guid.NewGuid():N}");
        var script = Path.Combine(ReadinessApp.RepositoryDirectory(), "deploy", "container", "migrate.sh");

        var first = await RunAsync(script, connectionString, bundle);
        var second = await RunAsync(script, connectionString, bundle);

        var expected = typeof(Readiness.Migrations.DesignTimeDbContextFactory)
            .Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order()
            .ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var applied = new List<string>();
        await using (
            var reader = await new NpgsqlCommand(
                "SELECT migration_id FROM \"__EFMigrationsHistory\" ORDER BY 1",
                connection
            ).ExecuteReaderAsync(TestContext.Current.CancellationToken)
        )
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var hangfireJobTable = await new NpgsqlCommand("SELECT to_regclass('hangfire.job') IS NOT NULL", connection).ExecuteScalarAsync(
            TestContext.Current.CancellationToken
        );
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, applied);
        Assert.Equal(true, hangfireJobTable);
        Assert.Contains("No migrations were applied", second.Output, StringComparison.Ordinal);
        Assert.Contains("State history: rebuilt where missing", second.Output, StringComparison.Ordinal);
        Assert.Contains("Stored state: 0 recommendations worked out for", second.Output, StringComparison.Ordinal);
    }

    private static async Task<ProcessResult> RunAsync(string script, string connectionString, string bundle)
    {
        var start = new ProcessStartInfo("sh", [script]);
        start.Environment["ConnectionStrings__Readiness"] = connectionString;
        start.Environment["READINESS_APP_DIR"] = AppContext.BaseDirectory;
        start.Environment["READINESS_EFBUNDLE"] = bundle;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["ASPNETCORE_CONTENTROOT"] = ReadinessApp.WebProjectDirectory();
        start.Environment["Auth__Mode"] = "Dev";
        var result = await ProcessRun.RunAsync(start, TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, result.Output);
        return result;
    }
}
