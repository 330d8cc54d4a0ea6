using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Behind a load balancer the app reads the client's address and the original scheme from X-Forwarded-For and
/// X-Forwarded-Proto, so sign-in redirects, secure cookies and HSTS see https. Only proxies on loopback or in
/// Proxy:KnownNetworks (CIDR, such as the cluster's pod range) are believed.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReadinessReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = configuration.GetSection("Proxy:KnownNetworks").Get<string[]>() ?? [];
        var invalid = networks.Where(n => !IPNetwork.TryParse(n, out _)).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidOperationException($"Proxy:KnownNetworks has {string.Join(", ", invalid)}, which is not a network in CIDR form such as 10.0.0.0/8.");
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = configuration.GetValue("Proxy:ForwardLimit", 1);
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(IPNetwork.Parse(network));
            }
        });
        return services;
    }
}
