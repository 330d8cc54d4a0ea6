using System.Net;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.PublicProgress;

public sealed class PublicProgressTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private Recommendation _published = null!;
    private Recommendation _sensitive = null!;
    private Recommendation _internal = null!;
    private UserAccount _office = null!;

    private async Task GivenAsync()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        _office = Build.User(Role.ProgrammeOffice);
        var owner = Build.User(Role.AgencyLead, agency);
        _published = Build.Recommendation(review, agency);
        _published.Title = "Publish this one";
        _published.Text = "Internal wording of the published recommendation.";
        _published.IsPublishable = true;
        _published.Response = ResponseStatus.Accepted;
        _published.DeliveryStatus = DeliveryStatus.InProgress;
        _published.CurrentTargetDate = new DateOnly(2027, 3, 31);
        _published.OwnerUserId = owner.Id;
        _published.RagReason = "A private reason for amber";
        _sensitive = Build.Recommendation(review, agency);
        _sensitive.Title = "Sensitive one";
        _sensitive.IsPublishable = true;
        _sensitive.Marking = ProtectiveMarking.OfficialSensitive;
        _internal = Build.Recommendation(review, agency);
        _internal.Title = "Not for the public";
        var update = new ProgressUpdate
        {
            RecommendationId = _published.Id,
            AuthorUserId = owner.Id,
            ReportingPeriod = new DateOnly(2026, 11, 1),
            Narrative = "A private progress note",
            PostedAt = ReadinessApp.DefaultNow,
            DeliveryStatus = DeliveryStatus.InProgress,
            Rag = Rag.Amber,
        };
        await App.SaveAsync(agency, review, _office, owner, _published, _sensitive, _internal, update);
    }

    private async Task<string> PublicPageAsync()
    {
        var response = await Client().GetAsync(new Uri("/progress", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_public_page_needs_no_sign_in_and_shows_nothing_until_the_programme_office_publishes()
    {
        await GivenAsync();

        var before = await PublicPageAsync();
        var preview = await Client(_office.Email).GetStringAsync(new Uri("/admin/public-progress", UriKind.Relative));

        Assert.Contains("No progress has been published yet", before, StringComparison.Ordinal);
        Assert.DoesNotContain(_published.Reference, before, StringComparison.Ordinal);
        Assert.Contains(_published.Reference, preview, StringComparison.Ordinal);
        Assert.Contains("Publishing now would show 1, adding " + _published.Reference, preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_published_it_shows_only_publishable_items_and_no_sensitive_fields()
    {
        await GivenAsync();

        var published = await Client(_office.Email)
            .PostFormAsync("/admin/public-progress", "/admin/public-progress/publish", new Dictionary<string, string>());
        var page = await PublicPageAsync();

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains(_published.Reference, page, StringComparison.Ordinal);
        Assert.Contains("Publish this one", page, StringComparison.Ordinal);
        Assert.Contains("In progress", page, StringComparison.Ordinal);
        Assert.Contains("31 March 2027", page, StringComparison.Ordinal);
        Assert.Contains("1 recommendations, by theme", page, StringComparison.Ordinal);
        foreach (
            var hidden in new[]
            {
                _sensitive.Reference,
                "Sensitive one",
                _internal.Reference,
                "Not for the public",
                "Internal wording",
                "private progress note",
                "private reason",
                "Agency lead",
                "OFFICIAL-SENSITIVE",
            }
        )
        {
            Assert.DoesNotContain(hidden, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_page_changes_only_when_published_again()
    {
        await GivenAsync();
        await Client(_office.Email)
            .PostFormAsync("/admin/public-progress", "/admin/public-progress/publish", new Dictionary<string, string>());
        await App.WithDbAsync(db =>
            db.Recommendations.Where(r => r.Id == _internal.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsPublishable, true))
        );

        var unchanged = await PublicPageAsync();
        await Client(_office.Email)
            .PostFormAsync("/admin/public-progress", "/admin/public-progress/publish", new Dictionary<string, string>());
        var republished = await PublicPageAsync();

        Assert.DoesNotContain(_internal.Reference, unchanged, StringComparison.Ordinal);
        Assert.Contains(_internal.Reference, republished, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_programme_office_previews_and_publishes()
    {
        await GivenAsync();
        var executive = Build.User(Role.Executive);
        await App.SaveAsync(executive);

        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await Client(executive.Email).GetAsync(new Uri("/admin/public-progress", UriKind.Relative))).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await Client(executive.Email).PostFormAsync("/progress", "/admin/public-progress/publish", new Dictionary<string, string>())
            ).StatusCode
        );
        Assert.Equal(0, await App.WithDbAsync(db => db.PublicProgressSnapshots.CountAsync()));
    }

    [Fact]
    public async Task An_official_sensitive_recommendation_cannot_be_marked_publishable()
    {
        await GivenAsync();
        var edit = $"/admin/recommendations/{_sensitive.Id}/edit";
        var page = await Client(_office.Email).GetStringAsync(new Uri(edit, UriKind.Relative));
        var version = System.Text.RegularExpressions.Regex.Match(page, "type=\"hidden\" name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;

        var response = await Client(_office.Email)
            .PostFormAsync(
                edit,
                edit,
                new Dictionary<string, string>
                {
                    ["ReviewId"] = _sensitive.ReviewId.ToString(),
                    ["Reference"] = _sensitive.Reference,
                    ["Title"] = _sensitive.Title,
                    ["Text"] = _sensitive.Text,
                    ["LeadAgencyId"] = _sensitive.LeadAgencyId.ToString(),
                    ["Priority"] = "Medium",
                    ["Marking"] = "OfficialSensitive",
                    ["IsPublishable"] = "true",
                    ["Version"] = version,
                }
            );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(
            "An OFFICIAL-SENSITIVE recommendation cannot be published",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("re-marked OFFICIAL-SENSITIVE")]
    [InlineData("no longer publishable")]
    public async Task A_published_recommendation_leaves_the_public_page_at_once_when_it_stops_being_publishable(string change)
    {
        await GivenAsync();
        await Client(_office.Email)
            .PostFormAsync("/admin/public-progress", "/admin/public-progress/publish", new Dictionary<string, string>());
        Assert.Contains(_published.Reference, await PublicPageAsync(), StringComparison.Ordinal);

        await App.WithDbAsync(async db =>
        {
            var r = await db.Recommendations.SingleAsync(x => x.Id == _published.Id);
            if (change == "no longer publishable")
            {
                r.IsPublishable = false;
            }
            else
            {
                // As a direct database change would: the rule is applied when the page is read, whoever changed the row.
                await db.Database.ExecuteSqlRawAsync("UPDATE recommendations SET marking = 'OfficialSensitive' WHERE id = {0}", r.Id);
            }

            await db.SaveChangesAsync();
        });
        var page = await PublicPageAsync();
        var preview = await Client(_office.Email).GetStringAsync(new Uri("/admin/public-progress", UriKind.Relative));

        Assert.DoesNotContain(_published.Reference, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Publish this one", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"withdrawn\"", preview, StringComparison.Ordinal);
        Assert.Contains(_published.Reference, preview[preview.IndexOf("withdrawn", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}
