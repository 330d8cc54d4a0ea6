using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Calendars;

public sealed partial class CalendarFeedTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private readonly Agency _other = Build.Agency();
    private UserAccount _owner = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _owner = Build.User(Role.AgencyContributor, _agency);
        var colleague = Build.User(Role.AgencyLead, _agency);
        var recommendation = Build.Recommendation(review, _agency);
        var sensitive = Build.Recommendation(review, _agency);
        sensitive.Marking = ProtectiveMarking.OfficialSensitive;
        var elsewhere = Build.Recommendation(review, _other);
        var mine = Build.Milestone(recommendation, _agency, new DateOnly(2026, 12, 15));
        mine.Title = "Write the venue plan";
        mine.OwnerUserId = _owner.Id;
        var secret = Build.Milestone(sensitive, _agency, new DateOnly(2027, 1, 10));
        secret.Title = "Secret exercise at a named venue";
        secret.OwnerUserId = _owner.Id;
        var colleagues = Build.Milestone(recommendation, _agency, new DateOnly(2027, 2, 1));
        colleagues.Title = "Colleague's milestone";
        colleagues.OwnerUserId = colleague.Id;
        var otherAgency = Build.Milestone(elsewhere, _other, new DateOnly(2027, 2, 2));
        otherAgency.Title = "Another agency's milestone";
        await App.SaveAsync(
            _agency,
            _other,
            review,
            _owner,
            colleague,
            recommendation,
            sensitive,
            elsewhere,
            mine,
            secret,
            colleagues,
            otherAgency
        );
    }

    private async Task<string> IssueAsync(string scope)
    {
        var issued = await Client(_owner.Email)
            .PostFormAsync("/account", $"/account/calendar/{scope}/issue", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        // The address is shown once, on the page the person is sent back to.
        var cookies = issued.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        var page = await (await Client(_owner.Email).SendAsync(request)).Content.ReadAsStringAsync();
        var url = FeedUrl().Match(page);
        Assert.True(url.Success, "The account page did not show the new calendar address.");
        return new Uri(url.Value).PathAndQuery;
    }

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> FetchAsync(string path)
    {
        var response = await Client().GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_persons_feed_lists_their_milestones_as_all_day_events_without_a_sign_in()
    {
        await GivenAsync();

        var path = await IssueAsync("Mine");
        var (status, body, contentType) = await FetchAsync(path);

        Assert.Equal((HttpStatusCode.OK, "text/calendar"), (status, contentType));
        var calendar = Ical.Net.Calendar.Load(body)!;
        Assert.Equal(2, calendar.Events.Count);
        var venuePlan = calendar.Events.Single(e => e.Summary!.Contains("Write the venue plan", StringComparison.Ordinal));
        Assert.True(venuePlan.IsAllDay);
        Assert.Equal(new DateOnly(2026, 12, 15), DateOnly.FromDateTime(venuePlan.DtStart!.Value));
        Assert.Contains("https://readiness.test/recommendations/", venuePlan.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret exercise", body, StringComparison.Ordinal);
        Assert.Contains(
            calendar.Events,
            e => e.Summary!.Contains("OFFICIAL-SENSITIVE: open Readiness for details", StringComparison.Ordinal)
        );
        Assert.DoesNotContain("Colleague's milestone", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Another agency's milestone", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agency_feed_lists_the_milestones_the_agency_delivers_and_no_others()
    {
        await GivenAsync();

        var (status, body, _) = await FetchAsync(await IssueAsync("Agency"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Colleague's milestone", body, StringComparison.Ordinal);
        Assert.Contains("Write the venue plan", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Another agency's milestone", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_or_reissued_address_gives_404_and_only_a_fingerprint_of_it_is_stored()
    {
        await GivenAsync();
        var first = await IssueAsync("Mine");
        var second = await IssueAsync("Mine");

        var replaced = await FetchAsync(first);
        var current = await FetchAsync(second);
        var revoked = await Client(_owner.Email)
            .PostFormAsync("/account", "/account/calendar/Mine/revoke", new Dictionary<string, string>());
        var afterRevoke = await FetchAsync(second);
        var stored = await App.WithDbAsync(db => db.CalendarFeeds.Select(f => f.TokenHash).ToListAsync());

        Assert.Equal(HttpStatusCode.NotFound, replaced.Status);
        Assert.Equal(HttpStatusCode.OK, current.Status);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRevoke.Status);
        Assert.DoesNotContain("BEGIN:VCALENDAR", afterRevoke.Body, StringComparison.Ordinal);
        var token = second.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal);
        Assert.DoesNotContain(stored, hash => hash.Contains(token, StringComparison.Ordinal));
        Assert.Equal(2, stored.Count);
    }

    [Fact]
    public async Task A_deactivated_persons_feed_and_a_made_up_address_give_404()
    {
        await GivenAsync();
        var path = await IssueAsync("Mine");
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == _owner.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync(path)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await FetchAsync("/calendar/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG.ics")).Status);
    }

    [Fact]
    public async Task Someone_without_an_agency_cannot_issue_an_agency_feed()
    {
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(office);

        var response = await Client(office.Email)
            .PostFormAsync("/account", "/account/calendar/Agency/issue", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.CalendarFeeds.CountAsync()));
    }

    [GeneratedRegex("https://readiness\\.test/calendar/[A-Za-z0-9_-]+\\.ics")]
    private static partial Regex FeedUrl();

    [Fact]
    public async Task Reissue_clicked_twice_at_once_leaves_one_working_address_and_neither_click_fails()
    {
        await GivenAsync();
        var client = Client(_owner.Email);
        var page = await (await client.GetAsync(new Uri("/account", UriKind.Relative))).Content.ReadAsStringAsync();
        var token = System.Net.WebUtility.HtmlDecode(
            System
                .Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
                .Groups[1]
                .Value
        );
        Task<HttpResponseMessage> ReissueAsync() =>
            client.PostAsync(
                new Uri("/account/calendar/Mine/issue", UriKind.Relative),
                new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })
            );

        var clicks = await Task.WhenAll(ReissueAsync(), ReissueAsync(), ReissueAsync());

        Assert.All(clicks, c => Assert.Equal(HttpStatusCode.Redirect, c.StatusCode));
        Assert.Equal(1, await App.WithDbAsync(db => db.CalendarFeeds.CountAsync(f => f.UserId == _owner.Id && f.RevokedAt == null)));
    }
}
