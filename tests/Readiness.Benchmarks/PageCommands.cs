using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Readiness.TestSupport;

namespace Readiness.Benchmarks;

/// <summary>One SQL command as the app sent it: its text and its parameters' values and types.</summary>
public sealed record CapturedCommand(string Text, IReadOnlyList<NpgsqlParameter> Parameters)
{
    public NpgsqlCommand For(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Text, connection);
        command.Parameters.AddRange(Parameters.Select(p => p.Clone()).ToArray());
        return command;
    }
}

/// <summary>
/// The SQL commands a page sends, captured from EF Core's diagnostic events while the real app (in process, on the
/// benchmark's database, with today's date) serves it once warm: the raw baseline replays exactly these.
/// </summary>
public sealed class PageCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly List<CapturedCommand> commands = [];
    private bool capturing;

    private PageCommands() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public static async Task<IReadOnlyList<CapturedCommand>> CaptureAsync(string connectionString, string user, string path)
    {
        // Listening before the app starts: EF Core keeps a context's "is anyone listening?" (LoggingCacheTime), and the
        // contexts come from a pool, so one made before anyone listened would serve the page unheard.
        using var capture = new PageCommands();

        // The published app's cache settings (the test host turns caching off), so the commands are those a warm page sends.
        var caching = new Readiness.Web.Infrastructure.CacheOptions();
        await using var app = new ReadinessApp(
            connectionString,
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Error",
                ["Cache:RegisterChoicesSeconds"] = caching.RegisterChoicesSeconds.ToString(CultureInfo.InvariantCulture),
                ["Cache:ProgrammeFiguresSeconds"] = caching.ProgrammeFiguresSeconds.ToString(CultureInfo.InvariantCulture),
                ["Cache:DashboardSeconds"] = caching.DashboardSeconds.ToString(CultureInfo.InvariantCulture),
            }
        );
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Dev-User", user);
        (await client.GetAsync(new Uri(path, UriKind.Relative))).EnsureSuccessStatusCode();
        lock (capture.commands)
        {
            capture.capturing = true;
        }

        (await client.GetAsync(new Uri(path, UriKind.Relative))).EnsureSuccessStatusCode();
        lock (capture.commands)
        {
            capture.capturing = false;
            return [.. capture.commands];
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData executed)
        {
            return;
        }

        var parameters = executed.Command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone()).ToList();
        lock (commands)
        {
            if (capturing)
            {
                commands.Add(new CapturedCommand(executed.Command.CommandText, parameters));
            }
        }
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
