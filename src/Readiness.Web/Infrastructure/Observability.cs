using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Readiness.Core.Telemetry;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Logs as JSON outside Development, each line carrying the request's trace and span ids; OpenTelemetry traces and
/// metrics for requests, SQL commands, outgoing HTTP and the app's own counters, exported over OTLP when
/// OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_* variables configure the rest).
/// </summary>
public static class Observability
{
    public const string ServiceName = "readiness";

    public static TBuilder AddReadinessObservability<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId
        );

        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            // Nothing to export to: tracing every request and command would cost CPU for nothing. The app's own counters
            // still count, for any listener such as dotnet-counters.
            return builder;
        }

        builder
            .Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
                tracing
                    .AddAspNetCoreInstrumentation(options =>
                        options.Filter = context => !context.Request.Path.StartsWithSegments("/health")
                    )
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
            )
            .WithMetrics(metrics =>
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(ReadinessMetrics.MeterName)
            )
            .UseOtlpExporter();
        return builder;
    }
}
