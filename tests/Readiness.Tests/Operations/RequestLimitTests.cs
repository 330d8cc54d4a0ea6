using System.Net;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class RequestLimitTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Repeated_sign_in_attempts_are_throttled()
    {
        await using var app = new ReadinessApp(Fixture.Database.ConnectionString, new Dictionary<string, string?> { ["Security:SignInPermitsPerMinute"] = "3" });
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["email"] = "nobody@test.example" })).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task An_over_limit_request_body_is_refused()
    {
        var user = Build.User(Role.Viewer);
        await App.SaveAsync(user);
        await using var app = new ReadinessApp(Fixture.Database.ConnectionString);
        var port = PostgresServer.FreePort();
        app.UseKestrel(port);
        app.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Add("X-Dev-User", user.Email);
        using var huge = new FormUrlEncodedContent(new Dictionary<string, string> { ["preference"] = "DailyDigest", ["padding"] = new string('x', 2 * 1024 * 1024) });

        var response = await client.PostAsync(new Uri("/account", UriKind.Relative), huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
