using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Auth;

public sealed class SignInTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Anonymous_request_for_the_home_page_redirects_to_sign_in()
    {
        var response = await Client().GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_page_lists_every_demonstration_user()
    {
        await App.WithDbAsync(db => ActivatorUtilities.CreateInstance<DemoDataSeeder>(App.Services, db).SeedAsync(CancellationToken.None));
        var emails = await App.WithDbAsync(db => Task.FromResult(db.Users.Select(u => u.Email).ToList()));

        var html = await Client().GetStringAsync(new Uri("/sign-in", UriKind.Relative));

        Assert.NotEmpty(emails);
        Assert.All(emails, email => Assert.Contains(email, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Choosing_a_user_on_the_sign_in_page_signs_them_in_and_returns_them_where_they_were_going()
    {
        var agency = Build.Agency();
        var lead = Build.User(Role.AgencyLead, agency);
        await App.SaveAsync(agency, lead);
        var client = Client();

        var response = await client.PostFormAsync(
            "/sign-in",
            "/sign-in",
            new Dictionary<string, string> { ["email"] = lead.Email, ["returnUrl"] = "/recommendations" }
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/recommendations", response.Headers.Location!.OriginalString);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains(lead.DisplayName, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_sign_in_never_signs_in_a_real_user_by_header_or_by_form()
    {
        var real = Build.User(Role.ProgrammeOffice);
        real.IsDemonstrationUser = false;
        await App.SaveAsync(real, Build.User(Role.Viewer));

        var byHeader = await Client(real.Email).GetAsync(new Uri("/", UriKind.Relative));
        var byForm = await Client()
            .PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["email"] = real.Email, ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.Redirect, byHeader.StatusCode);
        Assert.StartsWith("/sign-in", byHeader.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, byForm.StatusCode);
        Assert.Contains("Select a demonstration user to sign in as", await byForm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_says_development_sign_in_is_on()
    {
        var viewer = Build.User(Role.Viewer);
        await App.SaveAsync(viewer);

        var signedIn = await Client(viewer.Email).GetStringAsync(new Uri("/recommendations", UriKind.Relative));
        var signInPage = await Client().GetStringAsync(new Uri("/sign-in", UriKind.Relative));

        Assert.Contains("data-dev-sign-in", signedIn, StringComparison.Ordinal);
        Assert.Contains("data-dev-sign-in", signInPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_ignores_a_return_address_on_another_site()
    {
        var lead = Build.User(Role.Viewer);
        await App.SaveAsync(lead);

        var response = await Client()
            .PostFormAsync(
                "/sign-in",
                "/sign-in",
                new Dictionary<string, string> { ["email"] = lead.Email, ["returnUrl"] = "https://evil.example/" }
            );

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_without_choosing_a_user_shows_an_error_linked_to_the_choice()
    {
        await App.SaveAsync(Build.User(Role.Viewer));

        var response = await Client().PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#email\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_header_signs_in_a_lead_who_sees_their_own_agencys_work_and_not_another_agencys()
    {
        var fire = Build.Agency("FIRE");
        var police = Build.Agency("POLICE");
        var review = Build.Review();
        var ours = Build.Recommendation(review, fire);
        var theirs = Build.Recommendation(review, police);
        var overdue = Build.Milestone(ours, fire, new DateOnly(2026, 10, 1));
        var lead = Build.User(Role.AgencyLead, fire);
        await App.SaveAsync(fire, police, review, ours, theirs, overdue, lead);

        var response = await Client(lead.Email).GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(fire.Name, html, StringComparison.Ordinal);
        Assert.Contains(ours.Reference, html, StringComparison.Ordinal);
        Assert.Contains(overdue.Title, html, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Reference, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_header_for_an_unknown_or_deactivated_user_does_not_sign_in()
    {
        var former = Build.User(Role.AgencyLead);
        former.IsActive = false;
        await App.SaveAsync(former);

        var unknown = await Client("nobody@test.example").GetAsync(new Uri("/", UriKind.Relative));
        var deactivated = await Client(former.Email).GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var user = Build.User(Role.Executive);
        await App.SaveAsync(user);
        var client = Client();
        await client.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["email"] = user.Email });

        var signOut = await client.PostFormAsync("/sign-out", "/sign-out", new Dictionary<string, string>());
        var after = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal("/sign-in", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task Signing_out_asks_first_and_pages_without_a_form_of_their_own_make_no_anti_forgery_token()
    {
        var user = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(user);
        var client = Client(user.Email);

        foreach (var path in new[] { "/", "/recommendations", "/accessibility" })
        {
            var page = await client.GetAsync(new Uri(path, UriKind.Relative));
            var html = await page.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("href=\"/sign-out\">Sign out</a>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("__RequestVerificationToken", html, StringComparison.Ordinal);
            Assert.False(page.Headers.Contains("Set-Cookie"), $"{path} set a cookie.");
            Assert.Contains("no-store", page.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        var confirm = await client.GetStringAsync(new Uri("/sign-out", UriKind.Relative));
        Assert.Contains("Sign out of Readiness", confirm, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", confirm, StringComparison.Ordinal);
    }
}
