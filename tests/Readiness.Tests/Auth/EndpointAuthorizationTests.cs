using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Tests.Infrastructure;

namespace Readiness.Tests.Auth;

public sealed partial class EndpointAuthorizationTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>The only routes anyone may reach without signing in.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /sign-in",
        "POST /sign-in",
        "GET /sign-in/entra",
        "GET /sign-in/refused",
        "POST /sign-out",
        "GET /accessibility",
        "* /errors/{code:int}",
        "* /health/live",
        "* /health/ready",
        "GET /progress",
        "GET /calendar/{token}.ics",
    ];

    [Fact]
    public async Task Every_endpoint_needs_sign_in_except_the_sign_in_pages_health_checks_errors_and_accessibility_statement()
    {
        var endpoints = App
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
                (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m =>
                    (Method: m, Route: "/" + e.RoutePattern.RawText!.TrimStart('/'))
                )
            )
            .Distinct()
            .ToList();
        var client = Client();
        var checkedCount = 0;

        foreach (var (method, route) in endpoints.Where(e => !Anonymous.Contains($"{e.Method} {e.Route}")))
        {
            var url = RouteParameter()
                .Replace(route, match => match.Value.Contains(":int", StringComparison.Ordinal) ? "1" : Guid.NewGuid().ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method == "*" ? "GET" : method), url);
            var response = await client.SendAsync(request);

            // The API answers 401 with problem details; pages send people to sign in.
            Assert.True(
                route.StartsWith("/api/", StringComparison.Ordinal)
                    ? response.StatusCode == HttpStatusCode.Unauthorized
                    : response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location!.OriginalString.Contains("/sign-in", StringComparison.Ordinal),
                $"{method} {route} answered {(int)response.StatusCode} to an anonymous request instead of "
                    + $"{(route.StartsWith("/api/", StringComparison.Ordinal) ? "401" : "redirecting to sign-in")}."
            );
            checkedCount++;
        }

        Assert.True(checkedCount >= 5, $"Only {checkedCount} protected endpoints were found; the walk is not seeing the app's routes.");
        Assert.Contains(endpoints, e => Anonymous.Contains($"{e.Method} {e.Route}"));
    }

    [GeneratedRegex("\\{[^}]+\\}")]
    private static partial Regex RouteParameter();
}
