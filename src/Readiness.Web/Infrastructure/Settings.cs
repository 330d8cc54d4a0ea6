using System.ComponentModel.DataAnnotations;
using IPNetwork = System.Net.IPNetwork;

namespace Readiness.Web.Infrastructure;

/// <summary>Proxies whose X-Forwarded-* headers are believed (see <see cref="ReverseProxy"/>).</summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>Networks in CIDR form, such as the cluster's pod range; loopback is always believed.</summary>
    public IReadOnlyList<string> KnownNetworks { get; set; } = [];

    [Range(1, 10, ErrorMessage = "Proxy:ForwardLimit must be between 1 and 10.")]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        KnownNetworks
            .Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => new ValidationResult(
                $"Proxy:KnownNetworks has {n}, which is not a network in CIDR form such as 10.0.0.0/8.",
                [nameof(KnownNetworks)]
            ));
}

/// <summary>How long each instance keeps the costliest read-mostly figures.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>The register's filter choices (reviews, themes, agencies, owners).</summary>
    [Range(0, 3600, ErrorMessage = "Cache:RegisterChoicesSeconds must be between 0 and 3600.")]
    public int RegisterChoicesSeconds { get; set; } = 30;

    /// <summary>The programme-wide board figures on the programme office's and executives' home pages.</summary>
    [Range(0, 3600, ErrorMessage = "Cache:ProgrammeFiguresSeconds must be between 0 and 3600.")]
    public int ProgrammeFiguresSeconds { get; set; } = 30;

    /// <summary>
    /// The progress dashboard's figures for one scope and kind of reader: month ends do not change during the day and
    /// today's point is a board figure, so each instance keeps them briefly.
    /// </summary>
    [Range(0, 3600, ErrorMessage = "Cache:DashboardSeconds must be between 0 and 3600.")]
    public int DashboardSeconds { get; set; } = 60;
}

public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>Adds a Server-Timing header with the SQL commands each request sent: for the load benchmark.</summary>
    public bool ServerTiming { get; set; }
}

public static class Settings
{
    /// <summary>Binds and validates the web settings; a bad one stops the app at start with a message that names it.</summary>
    public static IServiceCollection AddReadinessSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<ProxyOptions>()
            .Bind(configuration.GetSection(ProxyOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services
            .AddOptions<CacheOptions>()
            .Bind(configuration.GetSection(CacheOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services
            .AddOptions<ReportProcessOptions>()
            .Bind(configuration.GetSection(ReportProcessOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configuration.GetSection(ReportProcessOptions.Section).Get<ReportProcessOptions>()?.OwnProcess ?? true)
        {
            services.AddSingleton<ReportProcess>();
            services.AddSingleton<Core.Reports.IReportProcess>(provider => provider.GetRequiredService<ReportProcess>());
        }

        services.AddOptions<DiagnosticsOptions>().Bind(configuration.GetSection(DiagnosticsOptions.Section));
        return services;
    }
}
