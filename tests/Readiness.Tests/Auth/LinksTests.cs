using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;

namespace Readiness.Tests.Auth;

/// <summary>Every path <see cref="Links"/> builds matches a route the app serves, so a renamed route fails here, not in an email.</summary>
public sealed class LinksTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static IEnumerable<string> EveryLink()
    {
        var id = Guid.CreateVersion7();
        foreach (var field in typeof(Links).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            yield return (string)field.GetValue(null)!;
        }

        foreach (var method in typeof(Links).GetMethods(BindingFlags.Public | BindingFlags.Static))
        {
            var arguments = method
                .GetParameters()
                .Select(p =>
                    p.ParameterType switch
                    {
                        var t when t == typeof(Guid) => (object)id,
                        var t when t == typeof(int) => 1,
                        var t when t == typeof(bool) => true,
                        var t when t == typeof(SignInRefusal) => SignInRefusal.UnknownTenant,
                        _ => p.Name switch
                        {
                            "scope" => "Mine",
                            "step" => "close",
                            "query" => "?page=2",
                            "returnUrl" => "/",
                            _ => "abc",
                        },
                    }
                )
                .ToArray();
            yield return (string)method.Invoke(null, arguments)!;
        }
    }

    [Fact]
    public void Every_link_matches_a_route_the_app_serves()
    {
        var routes = App
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Select(e => new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText!.TrimStart('/')), new RouteValueDictionary()))
            .ToList();
        var links = EveryLink().ToList();

        Assert.True(links.Count > 50, $"Only {links.Count} links were found.");
        Assert.All(
            links,
            link =>
            {
                var path = link.Split('?', '#')[0];
                Assert.True(path == "/" || routes.Exists(r => r.TryMatch(path, [])), $"No route serves {link}.");
            }
        );
    }
}
