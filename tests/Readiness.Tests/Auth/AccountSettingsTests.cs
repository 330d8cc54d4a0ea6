using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;
using Readiness.Web.Features.Shared;

namespace Readiness.Tests.Auth;

public sealed class AccountSettingsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private async Task<(UserAccount User, string Version)> GivenAsync()
    {
        var user = Build.User(Role.AgencyLead);
        await App.SaveAsync(user);
        var page = await Client(user.Email).GetStringAsync(new Uri("/account", UriKind.Relative));
        return (user, Regex.Match(page, "name=\"version\" value=\"([0-9]+)\"").Groups[1].Value);
    }

    private Task<HttpResponseMessage> SaveAsync(UserAccount user, string version) =>
        Client(user.Email)
            .PostFormAsync(
                "/account",
                "/account",
                new Dictionary<string, string> { ["preference"] = "DailyDigest", ["version"] = version }
            );

    private Task<NotificationPreference> PreferenceAsync(UserAccount user) =>
        App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.NotificationPreference).SingleAsync());

    [Fact]
    public async Task A_person_saves_how_they_want_reminders()
    {
        var (user, version) = await GivenAsync();

        var response = await SaveAsync(user, version);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(NotificationPreference.DailyDigest, await PreferenceAsync(user));
    }

    [Fact]
    public async Task A_save_that_lost_a_race_with_the_programme_office_says_so_and_changes_nothing()
    {
        var (user, version) = await GivenAsync();
        var before = await PreferenceAsync(user);
        await App.WithDbAsync(async db =>
        {
            var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
            stored.DisplayName = "Renamed by the programme office";
            return await db.SaveChangesAsync();
        });

        var response = await SaveAsync(user, version);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            WebUtility.HtmlEncode(ConcurrencyMessage.Text),
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(before, await PreferenceAsync(user));
    }
}
