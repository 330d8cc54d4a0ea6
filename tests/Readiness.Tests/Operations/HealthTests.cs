using System.Net;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class HealthTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Live_and_ready_answer_200_without_sign_in_when_the_database_is_reachable()
    {
        var client = Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_when_postgresql_cannot_be_reached_while_live_stays_200()
    {
        var nobodyListening = $"Host=127.0.0.1;Port={PostgresServer.FreePort()};Username=readiness;Database=readiness;Timeout=2";
        await using var app = new ReadinessApp(nobodyListening);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }
}
