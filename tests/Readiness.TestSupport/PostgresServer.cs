using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Readiness.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster for one test run (initdb + pg_ctl on a free loopback port, about a second), or the
/// database named by READINESS_TEST_DB when that is set.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _binDirectory;

    private PostgresServer(string connectionString, string? directory, string? binDirectory)
    {
        ConnectionString = connectionString;
        _directory = directory;
        _binDirectory = binDirectory;
    }

    /// <summary>Connects to the server's maintenance database; use <see cref="CreateDatabaseAsync"/> for a database of your own.</summary>
    public string ConnectionString { get; }

    public bool IsExternal => _directory is null;

    public static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("READINESS_TEST_DB") is { Length: > 0 } external)
        {
            return new PostgresServer(external, null, null);
        }

        var bin =
            Directory
                .GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d =>
                    int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, System.Globalization.CultureInfo.InvariantCulture)
                )
                .FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL is not installed: run tests/run.sh, or set READINESS_TEST_DB to a connection string."
            );
        var directory = Path.Combine(Path.GetTempPath(), $"readiness-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres", directory);
        }

        var data = Path.Combine(directory, "data");
        await RunAsPostgresAsync(
            Path.Combine(bin, "initdb"),
            "-D",
            data,
            "-U",
            "readiness",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync"
        );
        var port = FreePort();
        await RunAsPostgresAsync(
            Path.Combine(bin, "pg_ctl"),
            "-D",
            data,
            "-l",
            Path.Combine(directory, "postgres.log"),
            "-w",
            "-o",
            $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={directory} -c fsync=off -c synchronous_commit=off -c "
                + $"full_page_writes=off -c max_connections=200",
            "start"
        );
        return new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username=readiness;Database=postgres;Include Error Detail=true",
            directory,
            bin
        );
    }

    /// <summary>A new empty database on this server; with READINESS_TEST_DB, that database itself.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        if (IsExternal)
        {
            return ConnectionString;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is null)
        {
            return;
        }

        await RunAsPostgresAsync(Path.Combine(_binDirectory!, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "immediate", "stop");
        Directory.Delete(_directory, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static Task RunAsPostgresAsync(string program, params string[] arguments) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var result = await ProcessRun.RunAsync(new ProcessStartInfo(program, arguments));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Output}");
        }
    }
}
