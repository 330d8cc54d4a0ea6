using System.Net;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

/// <summary>Input the database cannot take is refused as bad input, never a 500; so is a database that is not there.</summary>
public sealed class BadInputTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData("/recommendations?q=fire%00")]
    [InlineData("/recommendations?review=%00")]
    [InlineData("/recommendations?agency=a%00b")]
    [InlineData("/recommendations/export.xlsx?q=%00")]
    [InlineData("/api/recommendations?q=%00")]
    [InlineData("/api/recommendations?page=2147483647")]
    [InlineData("/api/recommendations?page=0")]
    public async Task A_bad_query_string_is_a_400_not_a_500(string path)
    {
        var viewer = Build.User(Role.Viewer);
        await App.SaveAsync(viewer);

        var response = await Client(viewer.Email).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_form_value_with_a_nul_character_is_refused_and_nothing_is_saved()
    {
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(office);

        var response = await Client(office.Email)
            .PostFormAsync(
                "/admin/agencies/new",
                "/admin/agencies/new",
                new Dictionary<string, string> { ["Code"] = "NUL", ["Name"] = "Agency\0Name" }
            );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("There was a problem with your request", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => Task.FromResult(db.Agencies.Count())));
    }

    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/api/reviews", "application/problem+json")]
    public async Task With_the_database_down_a_signed_in_person_gets_the_service_unavailable_page(string path, string contentType)
    {
        var port = PostgresServer.FreePort();
        await using var app = new ReadinessApp(
            $"Host=127.0.0.1;Port={port};Database=readiness;Username=readiness;Timeout=2",
            new Dictionary<string, string?>()
        );
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Dev-User", "someone@test.example");

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        if (contentType == "text/html")
        {
            Assert.Contains("Sorry, the service is unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_recover_by_themselves_when_the_database_returns()
    {
        var database = new Npgsql.NpgsqlConnectionStringBuilder(Fixture.Database.ConnectionString);
        await using var link = new TcpLink(database.Host!, database.Port);
        database.Host = "127.0.0.1";
        database.Port = link.Port;
        database.Timeout = 2;
        var viewer = Build.User(Role.Viewer);
        await App.SaveAsync(viewer);
        await using var app = new ReadinessApp(database.ConnectionString, new Dictionary<string, string?>());
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Dev-User", viewer.Email);
        var home = new Uri("/", UriKind.Relative);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(home)).StatusCode);
        link.Cut();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(home)).StatusCode);
        link.Restore();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 20 && statuses.LastOrDefault() != HttpStatusCode.OK; attempt++)
        {
            statuses.Add((await client.GetAsync(home)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
        Assert.True(statuses.Count <= 2, string.Join(", ", statuses));
    }
}
