using Microsoft.EntityFrameworkCore;
using Npgsql;
using Readiness.Core.Data;

namespace Readiness.TestSupport;

/// <summary>One migrated database for a test run; <see cref="ResetAsync"/> empties every table between tests.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private PostgresServer? _server;
    private string? _truncate;

    public string ConnectionString { get; private set; } = "";

    public PostgresServer Server => _server!;

    public async Task StartAsync(string name)
    {
        _server = await PostgresServer.StartAsync();
        ConnectionString = await _server.CreateDatabaseAsync(name);
        var options = new DbContextOptionsBuilder<ReadinessDbContext>();
        options.UseReadinessNpgsql(ConnectionString);
        await using var db = new ReadinessDbContext(options.Options);
        await new DatabaseMigrator(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).MigrateAsync(
            CancellationToken.None
        );
        // Data protection keys survive resets: running app instances hold them, as they would in production.
        var tables = db
            .Model.GetEntityTypes()
            .Where(t => t.GetTableName() != "data_protection_keys")
            .Select(t => $"\"{t.GetSchema() ?? "public"}\".\"{t.GetTableName()}\"")
            .Distinct();
        _truncate = $"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE";
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(_truncate, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
