using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Readiness.Core.Auditing;

namespace Readiness.Core.Data;

public static class CoreServiceCollectionExtensions
{
    public const string ConnectionStringName = "Readiness";

    public static IServiceCollection AddCoreServices(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<ReadinessOptions>()
            .Bind(configuration.GetSection(ReadinessOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services
            .AddOptions<Evidence.EvidenceOptions>()
            .Bind(configuration.GetSection(Evidence.EvidenceOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => new Evidence.EvidenceInspector(
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Evidence.EvidenceOptions>>().Value
        ));
        services.AddScoped<Evidence.IEvidenceStore, Evidence.PostgresEvidenceStore>();
        services.AddScoped<Evidence.EvidenceRecorder>();
        services.AddScoped<Evidence.EvidenceVerifier>();
        services.AddScoped<Recommendations.RecommendationClosure>();
        services.AddScoped<Recommendations.MonthlyUpdates>();
        services.AddScoped<Recommendations.SimilarRecommendations>();
        services.AddScoped<Trends.StateHistory>();
        services.AddScoped<Trends.TrendQuery>();
        services.AddScoped<Auditing.ChangeFeed>();
        services.AddScoped<Webhooks.WebhookOutbox>();
        services.AddScoped<Webhooks.WebhookJob>();
        services
            .AddOptions<Webhooks.WebhookOptions>()
            .Bind(configuration.GetSection(Webhooks.WebhookOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services
            .AddHttpClient(Webhooks.WebhookOutbox.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<Trends.StateHistoryJob>();
        services
            .AddOptions<Reminders.ReminderOptions>()
            .Bind(configuration.GetSection(Reminders.ReminderOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services
            .AddOptions<Reminders.EmailOptions>()
            .Bind(configuration.GetSection(Reminders.EmailOptions.Section))
            .ValidateDataAnnotations()
            .Validate(
                o =>
                    o.Provider != Reminders.EmailProvider.Notify
                    || (!string.IsNullOrWhiteSpace(o.Notify.ApiKey) && !string.IsNullOrWhiteSpace(o.Notify.TemplateId)),
                "Email:Provider is Notify but Email:Notify:ApiKey or Email:Notify:TemplateId is not set."
            )
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<Telemetry.ReadinessMetrics>();
        services.AddScoped<Imports.RecommendationImporter>();
        services.AddScoped<Calendars.CalendarFeeds>();
        services.AddScoped<PublicProgress.PublicProgressPublisher>();
        services.AddScoped<Reports.BoardReportQuery>();
        services.AddScoped<Reports.BoardReportService>();
        services.AddScoped<Reports.ReportRuns>();
        services.AddScoped<Reports.ReportRunJob>();
        services.AddScoped<Reports.ReportWarmUp>();
        services.AddScoped<Reports.IssueReportJob>();
        services.AddScoped<Reports.ReportIssuer>();
        services.AddScoped<Reports.MonthlyBoardReportJob>();
        services.AddScoped<Reminders.ReminderPlanner>();
        services.AddScoped<Reminders.DigestChanges>();
        services.AddScoped<Reminders.NotificationOutbox>();
        services.AddScoped<Reminders.ReminderJob>();
        services.AddHttpClient<Reminders.NotifyEmailSender>();
        services.AddScoped<Reminders.SmtpEmailSender>();
        services.AddScoped<Reminders.IEmailSender>(provider =>
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Reminders.EmailOptions>>().Value.Provider
            == Reminders.EmailProvider.Notify
                ? provider.GetRequiredService<Reminders.NotifyEmailSender>()
                : provider.GetRequiredService<Reminders.SmtpEmailSender>()
        );
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IAuditActorAccessor, SystemAuditActorAccessor>();
        services.AddSingleton<AuditingInterceptor>();
        services.AddSingleton<Recommendations.StoredStateInterceptor>();
        services.AddScoped<Recommendations.StoredStates>();
        services.AddScoped<Recommendations.StoredStateJob>();
        services.AddSingleton<Recommendations.StoredStateDay>();
        services.AddPooledDbContextFactory<ReadinessDbContext>(
            (provider, options) =>
            {
                options
                    .UseReadinessNpgsql(ConnectionString(configuration))
                    .UseCompiledModel()
                    .AddInterceptors(
                        provider.GetRequiredService<AuditingInterceptor>(),
                        provider.GetRequiredService<Recommendations.StoredStateInterceptor>()
                    );
            }
        );
        // A context per scope, taken from a pool and readied for the scope: building a context's options and its EF Core
        // services on every request was about a seventh of the register's processor time (perf, 5,000 recommendations).
        services.AddScoped(provider =>
            provider
                .GetRequiredService<IDbContextFactory<ReadinessDbContext>>()
                .CreateDbContext()
                .For(provider.GetRequiredService<IAuditActorAccessor>())
        );
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<ScaleDataSeeder>();
        services.AddScoped<Users.EntraSignIn>();
        return services;
    }

    /// <summary>The database's connection string from the settings, or an error that says how to set it.</summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Set it (for example "
                    + $"ConnectionStrings__{ConnectionStringName}=\"Host=...;Database=readiness;Username=...\") or start the app "
                    + $"with deploy/local/run.sh."
            )
            : connectionString;
    }

    public static DbContextOptionsBuilder UseReadinessNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithPreparedStatements(connectionString), npgsql => npgsql.MigrationsAssembly("Readiness.Migrations"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// The model compiled ahead by `dotnet ef dbcontext optimize` (Data/CompiledModel), so a starting process does not build
    /// it from the entity configuration: the first page came 1.6 s after the process started instead of 2.0 s. Design
    /// time (migrations, and regenerating the compiled model) builds the model from the configuration; a test fails when
    /// the two differ.
    /// </summary>
    public static DbContextOptionsBuilder UseCompiledModel(this DbContextOptionsBuilder options) =>
        options.UseModel(CompiledModel.ReadinessDbContextModel.Instance);

    /// <summary>
    /// Lets each pooled connection prepare the statements it runs again and again (Npgsql's automatic preparation), so
    /// PostgreSQL parses and plans a page's queries once per connection rather than on every request; a connection
    /// string that sets "Max Auto Prepare" itself keeps its value. At 5,000 recommendations, 16 connections on 2 cores,
    /// it halved PostgreSQL's CPU per request: the recommendation page went from 83 to 208 requests a second.
    /// <para>
    /// Prepared statements keep one generic plan (<c>plan_cache_mode=force_generic_plan</c>). Left to choose, PostgreSQL
    /// planned afresh on every call any statement whose parameters are a LIMIT or an array of ids, because it rates
    /// planning as nearly free: the register's page was planned on every request (0.5-0.8 ms, as long as running it), the
    /// agency contributor's home five statements each time. With one plan, PostgreSQL's CPU per request halved on the
    /// homes (contributor 2.3-2.5 to 1.2 ms, lead 1.5-1.7 to 0.9-1.1 ms), and the generic plans were as fast or faster,
    /// also for the register's deep pages (OFFSET 2500: 4.6 against 8-20 ms).
    /// </para>
    /// <para>
    /// Random reads are costed as cached ones (<c>random_page_cost=1.1</c>, PostgreSQL's default 4 is for spinning disks):
    /// the database for 5,000 recommendations is 217 MB, most of it read often and held in memory. At 4, the
    /// recommendation page joined its 40 progress updates and 10 milestones to their authors and owners by hashing all
    /// 1,000 users, twice, 0.4-0.5 ms each; at 1.1, by their key (0.06 ms). PostgreSQL's CPU per recommendation page went
    /// from 2.2-2.4 to 1.6-1.7 ms. Either setting in the connection string's Options is kept as given.
    /// </para>
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        // The context's options are built for every request: parse the same connection string once, not each time.
        if (lastPrepared is { } last && last.Given == connectionString)
        {
            return last.Prepared;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 128;
        }

        foreach (var (setting, value) in PlannerSettings)
        {
            if (builder.Options?.Contains(setting, StringComparison.Ordinal) != true)
            {
                builder.Options = $"{builder.Options} -c {setting}={value}".TrimStart();
            }
        }

        var prepared = new PreparedConnectionString(connectionString, builder.ConnectionString);
        lastPrepared = prepared;
        return prepared.Prepared;
    }

    private static readonly (string Setting, string Value)[] PlannerSettings =
    [
        ("plan_cache_mode", "force_generic_plan"),
        ("random_page_cost", "1.1"),
    ];

    private sealed record PreparedConnectionString(string Given, string Prepared);

    private static PreparedConnectionString? lastPrepared;
}
