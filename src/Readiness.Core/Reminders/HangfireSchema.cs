using Hangfire.PostgreSql;
using Npgsql;

namespace Readiness.Core.Reminders;

/// <summary>
/// Hangfire's tables live in their own schema and are installed by the migrate command only: two app instances
/// starting together would otherwise race to install them.
/// </summary>
public static class HangfireSchema
{
    public const string Name = "hangfire";

    public static async Task InstallAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        PostgreSqlObjectsInstaller.Install(connection, Name);
    }
}
