using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// For measuring, with Diagnostics:ServerTiming=true only: counts the SQL commands each request sends (every command
/// Npgsql runs, EF Core's or not) and reports them in a Server-Timing header, so a benchmark can check that the
/// commands per page do not grow with the data.
/// </summary>
public static class SqlCommandCounting
{
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();
    private static ActivityListener? listener;

    public static WebApplication UseSqlCommandCounting(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DiagnosticsOptions>>().Value.ServerTiming)
        {
            return app;
        }

        listener ??= StartListener();
        app.Use(
            async (context, next) =>
            {
                var count = new StrongBox<int>();
                Current.Value = count;
                var started = Stopwatch.GetTimestamp();
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.Append(
                        "Server-Timing",
                        FormattableString.Invariant($"sql;desc=\"{Volatile.Read(ref count.Value)} commands\", ")
                            + FormattableString.Invariant($"app;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1}")
                    );
                    return Task.CompletedTask;
                });
                await next(context);
            }
        );
        return app;
    }

    private static ActivityListener StartListener()
    {
        var started = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                // Npgsql sets its tags after starting an activity, so they are read when it stops. It also traces opening
                // physical connections; only commands carry their text.
                if (activity.GetTagItem("db.query.text") is not null || activity.GetTagItem("db.statement") is not null)
                {
                    if (Current.Value is { } count)
                    {
                        Interlocked.Increment(ref count.Value);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(started);
        return started;
    }
}
