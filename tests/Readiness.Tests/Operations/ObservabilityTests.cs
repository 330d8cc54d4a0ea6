using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Reports;
using Readiness.Core.Telemetry;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class ObservabilityTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Reminders_sent_and_failed_and_reports_issued_are_counted()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Response = ResponseStatus.Accepted;
        var owners = Enumerable.Range(0, 3).Select(_ => Build.User(Role.AgencyContributor, agency)).ToList();
        var milestones = owners
            .Select(owner =>
            {
                var milestone = Build.Milestone(recommendation, agency, new DateOnly(2026, 11, 2));
                milestone.OwnerUserId = owner.Id;
                return milestone;
            })
            .ToList();
        await App.SaveAsync([agency, review, recommendation, .. owners, .. milestones]);
        await using var app = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = PostgresServer.FreePort().ToString(CultureInfo.InvariantCulture),
            }
        );
        using var counters = new CounterRecorder(app.Services.GetRequiredService<IMeterFactory>());

        await RunAsync<ReminderJob>(app, job => job.ExecuteAsync(CancellationToken.None));
        await RunAsync<BoardReportService>(
            app,
            reports =>
                reports.IssueAsync(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26)), null, CancellationToken.None)
        );

        Assert.Equal(0, counters.Total("readiness.reminders.sent"));
        Assert.Equal(3, counters.Total("readiness.reminders.failed"));
        Assert.Equal(1, counters.Total("readiness.reports.issued"));

        await App.WithDbAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
                db.Notifications,
                n => n.SetProperty(x => x.NextAttemptAt, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
            )
        );
        await using var working = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = Fixture.SmtpPort.ToString(CultureInfo.InvariantCulture),
            }
        );
        using var retried = new CounterRecorder(working.Services.GetRequiredService<IMeterFactory>());
        await RunAsync<ReminderJob>(working, job => job.ExecuteAsync(CancellationToken.None));
        Assert.Equal(3, retried.Total("readiness.reminders.sent"));
        Assert.Equal(0, retried.Total("readiness.reminders.failed"));
    }

    [Fact]
    public async Task Traces_of_requests_and_their_sql_and_metrics_are_exported_over_otlp_when_an_endpoint_is_set()
    {
        var collector = new OtlpCollector();
        var user = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(user);
        await using var app = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            }
        );
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", user.Email);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/recommendations", UriKind.Relative))).StatusCode);

        var traces = await collector.WaitForAsync(
            "/v1/traces",
            body => body.Contains("/recommendations", StringComparison.Ordinal) && body.Contains("postgresql", StringComparison.Ordinal)
        );
        Assert.Contains("readiness", traces, StringComparison.Ordinal);
        var metrics = await collector.WaitForAsync(
            "/v1/metrics",
            body => body.Contains("http.server.request.duration", StringComparison.Ordinal)
        );
        Assert.Contains("readiness", metrics, StringComparison.Ordinal);
        collector.Dispose();
    }

    private static async Task RunAsync<T>(ReadinessApp app, Func<T, Task> work)
        where T : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<T>());
    }

    /// <summary>Adds up the Readiness counters of one app instance, ignoring other instances running in the same process.</summary>
    private sealed class CounterRecorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentDictionary<string, long> totals = new();

        public CounterRecorder(IMeterFactory instance)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ReadinessMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, instance))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>(
                (instrument, value, _, _) => totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value)
            );
            listener.Start();
        }

        public long Total(string name) => totals.GetValueOrDefault(name);

        public void Dispose() => listener.Dispose();
    }

    /// <summary>An OTLP/HTTP endpoint that keeps what it is sent; protobuf keeps strings as UTF-8, so names can be searched for.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener listener = new();

        public OtlpCollector()
        {
            var port = PostgresServer.FreePort();
            Address = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(Address + "/");
            listener.Start();
            _ = Task.Run(ReceiveAsync);
        }

        public string Address { get; }

        public ConcurrentQueue<(string Path, string Body)> Received { get; } = new();

        public async Task<string> WaitForAsync(string path, Func<string, bool> match)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                // Spans of one request may arrive in several batches: match what has arrived so far, together.
                var all = string.Concat(Received.Where(r => r.Path == path).Select(r => r.Body));
                if (match(all))
                {
                    return all;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"Nothing matching arrived at {path}; received {Received.Count} batches.");
        }

        private async Task ReceiveAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }
}
