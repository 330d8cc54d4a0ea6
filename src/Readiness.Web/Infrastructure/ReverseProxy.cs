using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Behind a load balancer the app reads the client's address and the original scheme from X-Forwarded-For and
/// X-Forwarded-Proto, so sign-in redirects, secure cookies and HSTS see https. Only proxies on loopback or in
/// Proxy:KnownNetworks (CIDR, such as the cluster's pod range) are believed.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReadinessReverseProxy(this IServiceCollection services)
    {
        services
            .AddOptions<ForwardedHeadersOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<ProxyOptions>>(
                (options, proxy) =>
                {
                    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                    options.ForwardLimit = proxy.Value.ForwardLimit;
                    foreach (var network in proxy.Value.KnownNetworks)
                    {
                        options.KnownIPNetworks.Add(IPNetwork.Parse(network));
                    }
                }
            );
        return services;
    }
}
