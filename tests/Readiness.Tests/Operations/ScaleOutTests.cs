using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class ScaleOutTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_person_signed_in_on_one_instance_submits_a_form_on_another()
    {
        var user = Build.User(Role.AgencyLead, email: $"scale-out-{Guid.NewGuid():N}@test.example");
        user.AgencyId = null;
        await App.SaveAsync(user);
        await using var first = new ReadinessApp(Fixture.Database.ConnectionString);
        await using var second = new ReadinessApp(Fixture.Database.ConnectionString);
        var cookies = new System.Net.CookieContainer();
        using var onFirst = first.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
        using var onSecond = second.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

        var signedIn = await onFirst.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["email"] = user.Email });
        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{(int)signedIn.StatusCode} {string.Join("|", first.Logged.Errors)} {await signedIn.Content.ReadAsStringAsync()}");
        var accountResponse = await onFirst.GetAsync(new Uri("/account", UriKind.Relative));
        Assert.True(accountResponse.StatusCode == HttpStatusCode.OK, $"{(int)accountResponse.StatusCode} {accountResponse.Headers.Location} cookies: {cookies.GetCookieHeader(new Uri("http://localhost/"))} {string.Join("|", first.Logged.Errors)}");
        var page = await accountResponse.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["preference"] = "DailyDigest", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });
        var saved = await onSecond.PostAsync(new Uri("/account", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/account", saved.Headers.Location!.OriginalString);
        Assert.Equal(NotificationPreference.DailyDigest, await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.NotificationPreference).SingleAsync()));
    }
}
