using System.Net;
using System.Text.Json;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Api;

public sealed class ApiLimitTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_caller_over_its_limit_gets_429_problem_details_with_retry_after_while_other_callers_carry_on()
    {
        var busy = Build.User(Role.Viewer);
        var other = Build.User(Role.Viewer);
        await App.SaveAsync(busy, other);
        await using var app = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?> { ["Security:ApiRequestsPerMinute"] = "3" }
        );
        HttpClient As(UserAccount user)
        {
            var client = app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Dev-User", user.Email);
            return client;
        }

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 4; i++)
        {
            refused = await As(busy).GetAsync(new Uri("/api/reviews", UriKind.Relative));
            statuses.Add(refused.StatusCode);
        }

        var others = await As(other).GetAsync(new Uri("/api/reviews", UriKind.Relative));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", refused!.Content.Headers.ContentType!.MediaType);
        Assert.Equal(429, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
    }
}
