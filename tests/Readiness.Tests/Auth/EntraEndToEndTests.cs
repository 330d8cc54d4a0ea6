using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Auth;

/// <summary>
/// The whole OpenID Connect sign-in and the API's bearer path through Microsoft.Identity.Web, against <see cref="FakeEntra"/>:
/// discovery, signing keys, code redemption, v2.0 issuers per tenant and token validation are the real ones.
/// </summary>
public sealed class EntraEndToEndTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private sealed class EntraApp(string connectionString)
        : ReadinessApp(
            connectionString,
            new Dictionary<string, string?>
            {
                ["Auth:Mode"] = "Entra",
                ["AzureAd:Instance"] = FakeEntra.Instance,
                ["AzureAd:TenantId"] = "organizations",
                ["AzureAd:ClientId"] = FakeEntra.ClientId,
                ["AzureAd:ClientSecret"] = FakeEntra.ClientSecret,
            }
        )
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpClient(nameof(FakeEntra)).ConfigurePrimaryHttpMessageHandler(() => FakeEntra.Shared);
                services.Configure<Microsoft.Identity.Web.AadIssuerValidatorOptions>(o => o.HttpClientName = nameof(FakeEntra));
                services.Configure<OpenIdConnectOptions>(
                    OpenIdConnectDefaults.AuthenticationScheme,
                    o => o.BackchannelHttpHandler = FakeEntra.Shared
                );
                services.Configure<JwtBearerOptions>(
                    Web.Auth.AuthenticationSetup.ApiScheme,
                    o => o.BackchannelHttpHandler = FakeEntra.Shared
                );
            });
        }
    }

    private readonly Guid _tenantA = Guid.NewGuid();
    private readonly Guid _tenantB = Guid.NewGuid();
    private Agency _agencyA = null!;
    private Agency _agencyB = null!;

    private async Task<EntraApp> GivenAsync()
    {
        _agencyA = Build.Agency(tenantId: _tenantA);
        _agencyB = Build.Agency(tenantId: _tenantB);
        await App.SaveAsync(_agencyA, _agencyB);
        var app = new EntraApp(Fixture.Database.ConnectionString);
        // Cookies and tokens are checked against the real clock: the browser's cookie jar and the token handler use it.
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        return app;
    }

    private static HttpClient Browser(EntraApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    /// <summary>Signs in as a browser would: the app sends it to Entra, and Entra posts the person's ID token back to the app.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, FakeEntra.Person person)
    {
        var challenge = await browser.GetAsync(new Uri("/sign-in/entra?returnUrl=/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.Equal(FakeEntra.Host, authorize.Host);
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal((FakeEntra.ClientId, FakeEntra.ResponseType), (query["client_id"], query["response_type"]));
        var idToken = FakeEntra.Shared.IdToken(person, query["nonce"]!);
        using var callback = new FormUrlEncodedContent(
            new Dictionary<string, string> { ["id_token"] = idToken, ["state"] = query["state"]! }
        );
        return await browser.PostAsync(new Uri(new Uri(query["redirect_uri"]!).PathAndQuery, UriKind.Relative), callback);
    }

    [Fact]
    public async Task A_person_from_a_known_tenant_signs_in_through_entra_and_a_precreated_account_is_pinned_to_their_ids()
    {
        await using var app = await GivenAsync();
        var lead = Build.User(Role.AgencyLead, _agencyA, "pat.lead@agency-a.example");
        await App.SaveAsync(lead);
        var browser = Browser(app);
        var person = new FakeEntra.Person(_tenantA, Guid.NewGuid(), "Pat.Lead@agency-a.example", "Pat Lead (Agency A)");

        var signedIn = await SignInAsync(browser, person);
        var home = await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.Contains("Pat Lead (Agency A)", home, StringComparison.Ordinal);
        var pinned = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == lead.Id));
        Assert.Equal((_tenantA, person.ObjectId, Role.AgencyLead), (pinned.EntraTenantId, pinned.EntraObjectId, pinned.Role));

        // Pinned: another Entra account that claims the same email is not this person.
        var impostor = await SignInAsync(Browser(app), person with { ObjectId = Guid.NewGuid() });
        Assert.Equal("/sign-in/refused?reason=WrongAgency", impostor.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_person_from_a_tenant_no_agency_has_is_refused()
    {
        await using var app = await GivenAsync();

        var response = await SignInAsync(
            Browser(app),
            new FakeEntra.Person(Guid.NewGuid(), Guid.NewGuid(), "someone@nowhere.example", "Someone")
        );

        Assert.Equal("/sign-in/refused?reason=UnknownTenant", response.Headers.Location!.OriginalString);
        Assert.Equal(0, await App.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_programme_office_account_made_for_one_tenant_cannot_be_taken_over_from_another_by_email()
    {
        await using var app = await GivenAsync();
        var office = Build.User(Role.ProgrammeOffice, _agencyA, "office@agency-a.example");
        await App.SaveAsync(office);

        var response = await SignInAsync(
            Browser(app),
            new FakeEntra.Person(_tenantB, Guid.NewGuid(), "office@agency-a.example", "Not the office")
        );

        Assert.Equal("/sign-in/refused?reason=WrongAgency", response.Headers.Location!.OriginalString);
        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.Id == office.Id).Select(u => u.EntraObjectId).SingleAsync()));
    }

    private async Task<(EntraApp App, FakeEntra.Person Person)> GivenApiUserAsync()
    {
        var app = await GivenAsync();
        var person = new FakeEntra.Person(_tenantB, Guid.NewGuid(), "robin@agency-b.example", "Robin");
        var user = Build.User(Role.AgencyLead, _agencyB, person.PreferredUsername);
        (user.EntraTenantId, user.EntraObjectId) = (person.TenantId, person.ObjectId);
        await App.SaveAsync(user);
        return (app, person);
    }

    private static async Task<HttpStatusCode> CallApiAsync(EntraApp app, string token)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync(new Uri("/api/reviews", UriKind.Relative))).StatusCode;
    }

    [Fact]
    public async Task An_api_token_from_entra_for_a_pinned_user_is_accepted()
    {
        var (app, person) = await GivenApiUserAsync();
        await using var _ = app;

        Assert.Equal(HttpStatusCode.OK, await CallApiAsync(app, FakeEntra.Shared.AccessToken(person)));
    }

    [Fact]
    public async Task A_token_from_tenant_a_cannot_act_as_a_user_of_tenant_b()
    {
        var (app, person) = await GivenApiUserAsync();
        await using var _ = app;

        Assert.Equal(
            HttpStatusCode.Unauthorized,
            await CallApiAsync(app, FakeEntra.Shared.AccessToken(person with { TenantId = _tenantA }))
        );
    }

    [Theory]
    [InlineData("bad signature")]
    [InlineData("wrong audience")]
    [InlineData("expired")]
    public async Task A_bad_api_token_is_refused(string fault)
    {
        var (app, person) = await GivenApiUserAsync();
        await using var _ = app;
        var token = fault switch
        {
            "bad signature" => FakeEntra.Shared.AccessToken(person, signedWith: FakeEntra.ForgedKey()),
            "wrong audience" => FakeEntra.Shared.AccessToken(person, audience: "api://someone-else"),
            _ => FakeEntra.Shared.AccessToken(person, expiresIn: TimeSpan.FromHours(-2)),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await CallApiAsync(app, token));
    }
}
