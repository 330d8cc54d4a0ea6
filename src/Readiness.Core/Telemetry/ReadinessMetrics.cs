using System.Diagnostics.Metrics;

namespace Readiness.Core.Telemetry;

/// <summary>The app's own counters, on the "Readiness" meter that OpenTelemetry exports next to ASP.NET Core's and Npgsql's.</summary>
public sealed class ReadinessMetrics
{
    public const string MeterName = "Readiness";

    private readonly Counter<long> remindersSent;
    private readonly Counter<long> remindersFailed;
    private readonly Counter<long> reportsIssued;

    public ReadinessMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        remindersSent = meter.CreateCounter<long>("readiness.reminders.sent", "{reminder}", "Reminders accepted by the mail service");
        remindersFailed = meter.CreateCounter<long>(
            "readiness.reminders.failed",
            "{reminder}",
            "Reminders the mail service refused or could not take; each is retried"
        );
        reportsIssued = meter.CreateCounter<long>("readiness.reports.issued", "{report}", "Board progress reports issued and frozen");
    }

    public void RemindersSent(int count) => Add(remindersSent, count);

    public void RemindersFailed(int count) => Add(remindersFailed, count);

    public void ReportIssued(string scope) => reportsIssued.Add(1, new KeyValuePair<string, object?>("scope", scope));

    private static void Add(Counter<long> counter, int count)
    {
        if (count > 0)
        {
            counter.Add(count);
        }
    }
}
