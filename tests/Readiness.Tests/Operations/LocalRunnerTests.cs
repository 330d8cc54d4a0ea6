using System.Diagnostics;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

/// <summary>deploy/local/run.sh as a developer uses it: an operations command beside the app they are running.</summary>
public sealed class LocalRunnerTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"readiness-local-{Guid.NewGuid():N}");
    private readonly int _port = PostgresServer.FreePort();

    private ProcessStartInfo Bash(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { WorkingDirectory = ReadinessApp.RepositoryDirectory() };
        start.Environment["READINESS_DATA_DIR"] = _data;
        start.Environment["READINESS_PG_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("READINESS_DB");
        return start;
    }

    private Task<ProcessResult> ClusterAsync(string action) => ProcessRun.RunAsync(Bash($"source deploy/local/postgres.sh && {action}"));

    public async ValueTask InitializeAsync()
    {
        // The cluster the running app started.
        var started = await ClusterAsync($"pg_start \"$READINESS_DATA_DIR\" \"$READINESS_PG_PORT\"");
        Assert.True(started.ExitCode == 0, started.Output);
    }

    public async ValueTask DisposeAsync()
    {
        await ClusterAsync("pg_stop \"$READINESS_DATA_DIR\"");
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task An_operations_command_beside_a_running_app_leaves_its_postgresql_running_and_a_first_migrate_reports_no_failures()
    {
        var migrate = await ProcessRun.RunAsync(Bash("deploy/local/run.sh migrate"));
        var status = await ClusterAsync("as_postgres_owner \"$(pg_bin)/pg_ctl\" -D \"$READINESS_DATA_DIR/pg\" status");

        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.DoesNotContain("fail:", migrate.Output, StringComparison.Ordinal);
        Assert.True(status.ExitCode == 0, $"PostgreSQL was stopped by the command: {status.Output}");
    }
}
