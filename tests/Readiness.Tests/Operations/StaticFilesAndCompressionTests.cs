using System.Net;
using System.Text.RegularExpressions;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class StaticFilesAndCompressionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private HttpClient Https(string email, string? encoding = "br")
    {
        var client = App.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add("X-Dev-User", email);
        if (encoding is not null)
        {
            client.DefaultRequestHeaders.Add("Accept-Encoding", encoding);
        }

        return client;
    }

    private async Task<string> SignedInAsync()
    {
        var user = Build.User(Role.AgencyLead, null);
        await App.SaveAsync(user);
        return user.Email;
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_favicon_is_served_to_anyone(string path, string type)
    {
        var response = await Client().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Fingerprinted_static_files_are_cached_for_a_year_and_unversioned_ones_are_checked_each_time()
    {
        var page = await Client(await SignedInAsync()).GetStringAsync(new Uri("/", UriKind.Relative));
        var css = Regex.Match(page, "href=\"(/css/app.css\\?v=[^\"]+)\"").Groups[1].Value;

        var fingerprinted = await Client().GetAsync(new Uri(css, UriKind.Relative));
        var plain = await Client().GetAsync(new Uri("/css/app.css", UriKind.Relative));

        Assert.NotEmpty(css);
        Assert.Equal("public, max-age=31536000, immutable", fingerprinted.Headers.CacheControl!.ToString());
        Assert.Equal("public, no-cache", plain.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/", "gzip")]
    [InlineData("/css/app.css", "br")]
    [InlineData("/lib/govuk/govuk-frontend.min.js", "gzip")]
    public async Task Pages_styles_and_scripts_are_compressed(string path, string encoding)
    {
        var response = await Https(await SignedInAsync(), encoding).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task The_page_that_shows_a_new_calendar_address_is_not_compressed()
    {
        var client = Https(await SignedInAsync(), encoding: null);
        var issued = await client.PostFormAsync("/account", "/account/calendar/Mine/issue", new Dictionary<string, string>());
        using var request = new HttpRequestMessage(HttpMethod.Get, issued.Headers.Location);
        request.Headers.Add("Accept-Encoding", "br");

        var page = await client.SendAsync(request);

        Assert.Empty(page.Content.Headers.ContentEncoding);
        Assert.Contains("Your new calendar address", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
