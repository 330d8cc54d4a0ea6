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
        await using var app = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?> { ["Security:SignInPermitsPerMinute"] = "3" }
        );
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            statuses.Add(
                (
                    await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["email"] = "nobody@test.example" })
                ).StatusCode
            );
        }

        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Sign_in_attempts_for_one_account_are_throttled_whatever_the_address()
    {
        await App.SaveAsync(Build.User(Role.Viewer));
        await using var app = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?> { ["Security:SignInPermitsPerAccountPerMinute"] = "3" }
        );
        async Task<HttpStatusCode> AttemptAsync(string email) =>
            (
                await app.CreateClient(new() { AllowAutoRedirect = false })
                    .PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["email"] = email })
            ).StatusCode;

        var target = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            target.Add(await AttemptAsync("Target@Test.Example"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], target);
        Assert.Equal(HttpStatusCode.OK, await AttemptAsync("someone.else@test.example"));
    }

    [Fact]
    public async Task Upload_limits_are_per_person_so_colleagues_behind_one_address_do_not_share_them()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Response = Readiness.Core.Recommendations.ResponseStatus.Accepted;
        var first = Build.User(Role.AgencyLead, agency);
        var second = Build.User(Role.AgencyContributor, agency);
        await App.SaveAsync(agency, review, recommendation, first, second);
        await using var app = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?> { ["Security:UploadPermitsPerMinute"] = "2" }
        );
        async Task<HttpStatusCode> UploadAsync(UserAccount user)
        {
            var client = app.CreateClient(new() { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Add("X-Dev-User", user.Email);
            return (await client.AddEvidenceAsync(recommendation.Id, ("notes.txt", "Exercise notes"u8.ToArray()))).StatusCode;
        }

        var firsts = new List<HttpStatusCode> { await UploadAsync(first), await UploadAsync(first), await UploadAsync(first) };

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, firsts[..2]);
        Assert.Equal(HttpStatusCode.TooManyRequests, firsts[2]);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await UploadAsync(second));
    }

    [Fact]
    public async Task An_over_limit_request_body_is_refused()
    {
        var user = Build.User(Role.Viewer);
        await App.SaveAsync(user);
        await using var app = new ReadinessApp(Fixture.Database.ConnectionString);
        var port = PostgresServer.FreePort();
        app.ServeOn(port);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Add("X-Dev-User", user.Email);
        using var huge = new FormUrlEncodedContent(
            new Dictionary<string, string> { ["preference"] = "DailyDigest", ["padding"] = new string('x', 2 * 1024 * 1024) }
        );

        var response = await client.PostAsync(new Uri("/account", UriKind.Relative), huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
