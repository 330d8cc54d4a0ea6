using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;
using Readiness.Core.Data;
using Readiness.Core.Reminders;
using Readiness.Core.Users;
using Readiness.Web.Auth;

namespace Readiness.Web.Infrastructure;

public static class HangfireSetup
{
    public static IServiceCollection AddReadinessJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var reminders = configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        services.AddHangfire(
            (provider, hangfire) =>
                hangfire
                    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                    .UseSimpleAssemblyNameTypeSerializer()
                    .UseRecommendedSerializerSettings()
                    .UsePostgreSqlStorage(
                        storage =>
                            storage.UseNpgsqlConnection(
                                configuration.GetConnectionString(CoreServiceCollectionExtensions.ConnectionStringName)
                            ),
                        new PostgreSqlStorageOptions
                        {
                            SchemaName = HangfireSchema.Name,
                            PrepareSchemaIfNecessary = false,
                            QueuePollInterval = TimeSpan.FromSeconds(reminders.QueuePollSeconds),
                            // LISTEN/NOTIFY: an enqueued board report starts at once rather than at the next poll.
                            EnableLongPolling = true,
                        }
                    )
        );
        if (reminders.RunServer)
        {
            services.AddHangfireServer(server => server.WorkerCount = 2);
            // Big board reports on their own queue and one worker: at most one in memory per instance at a time.
            services.AddHangfireServer(server =>
            {
                server.ServerName = $"{Environment.MachineName}:reports";
                server.Queues = [Core.Reports.ReportRunJob.Queue];
                server.WorkerCount = 1;
            });
            services.AddHostedService<RecurringJobRegistration>();
            services.AddHostedService<SpareReportProcessStarter>();
        }

        return services;
    }

    public static WebApplication MapReadinessDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(
                "/_hangfire",
                new DashboardOptions
                {
                    Authorization = [new ProgrammeOfficeOnly()],
                    AppPath = "/",
                    DashboardTitle = "Readiness jobs",
                }
            )
            .RequireAuthorization(Policies.ProgrammeOffice);
        return app;
    }

    /// <summary>The endpoint already requires the programme office; this repeats the check inside Hangfire's own pipeline.</summary>
    private sealed class ProgrammeOfficeOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(nameof(Role.ProgrammeOffice));
    }

    /// <summary>
    /// Registers each recurring job by name once at start; Hangfire runs each occurrence once however many servers there are.
    /// </summary>
    private sealed class RecurringJobRegistration(
        IRecurringJobManager jobs,
        IOptions<ReminderOptions> options,
        IOptions<Core.Webhooks.WebhookOptions> webhooks
    ) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var zone = new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone) };
            jobs.AddOrUpdate<ReminderJob>(nameof(ReminderJob), job => job.ExecuteAsync(CancellationToken.None), options.Value.Cron, zone);
            jobs.AddOrUpdate<Core.Reports.MonthlyBoardReportJob>(
                nameof(Core.Reports.MonthlyBoardReportJob),
                job => job.ExecuteAsync(CancellationToken.None),
                options.Value.MonthlyReportCron,
                zone
            );
            jobs.AddOrUpdate<Core.Webhooks.WebhookJob>(
                nameof(Core.Webhooks.WebhookJob),
                job => job.ExecuteAsync(CancellationToken.None),
                webhooks.Value.Cron,
                zone
            );
            jobs.AddOrUpdate<Core.Trends.StateHistoryJob>(
                nameof(Core.Trends.StateHistoryJob),
                job => job.ExecuteAsync(CancellationToken.None),
                options.Value.StateHistoryCron,
                zone
            );
            jobs.AddOrUpdate<Core.Recommendations.StoredStateJob>(
                nameof(Core.Recommendations.StoredStateJob),
                job => job.ExecuteAsync(CancellationToken.None),
                options.Value.StoredStateCron,
                zone
            );
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
