using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reviews;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Accountability;

/// <summary>
/// Repeats of earlier reviews are caught by suggesting existing recommendations with similar titles (pg_trgm), measured on
/// rewordings of the same recommendation and on different recommendations that share words.
/// </summary>
public sealed class SimilarRecommendationsTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>An earlier review's title, a later rewording of it, and a different recommendation sharing some of its words.</summary>
    private static readonly (string Earlier, string Rewording, string Different)[] Triples =
    [
        (
            "Improve radio interoperability between emergency services",
            "Improve the interoperability of radio communications between the emergency services",
            "Publish guidance on protecting crowded places"
        ),
        (
            "Train frontline staff in bleeding control",
            "Train all frontline staff in bleeding control and the use of tourniquets",
            "Train control room staff to triage emergency calls"
        ),
        (
            "Review the joint emergency services interoperability principles",
            "Refresh the Joint Emergency Services Interoperability Principles (JESIP)",
            "Review CCTV coverage at major transport hubs"
        ),
        (
            "Establish a single casualty bureau for London",
            "Establish one casualty bureau serving the whole of London",
            "Establish a volunteer reserve for London's transport network"
        ),
        (
            "Test the mass casualty plan in a live exercise",
            "Test the mass casualty plan through a live exercise every year",
            "Test the fire brigade's high-rise evacuation plan"
        ),
        (
            "Provide body armour for ambulance crews",
            "Provide ballistic body armour to all ambulance crews",
            "Provide counselling for staff after a major incident"
        ),
        (
            "Share threat intelligence with borough emergency planners",
            "Share threat intelligence with emergency planners in every borough",
            "Review funding for borough resilience forums"
        ),
        (
            "Publish guidance on protecting crowded places",
            "Publish updated guidance on the protection of crowded places",
            "Protect water supplies from contamination"
        ),
    ];

    public static TheoryData<string, string, string> Titles => new(Triples.Select(t => (t.Earlier, t.Rewording, t.Different)));

    private readonly Agency _agency = Build.Agency();
    private readonly Review _earlier = Build.Review();
    private readonly List<Recommendation> _existing = [];
    private UserAccount _office = null!;

    private async Task GivenAsync()
    {
        foreach (var (earlier, _, _) in Triples)
        {
            var recommendation = Build.Recommendation(_earlier, _agency);
            recommendation.Title = earlier;
            _existing.Add(recommendation);
        }

        _office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync([_agency, _earlier, _office, .. _existing]);
    }

    private async Task<IReadOnlyList<SimilarRecommendation>> FindAsync(string title)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope
            .ServiceProvider.GetRequiredService<SimilarRecommendations>()
            .FindAsync(title, new Reader(Role.ProgrammeOffice, null, false));
    }

    [Theory]
    [MemberData(nameof(Titles))]
    public async Task A_rewording_finds_the_earlier_recommendation_first_and_a_different_one_finds_none(
        string earlier,
        string rewording,
        string different
    )
    {
        await GivenAsync();

        var forRewording = await FindAsync(rewording);
        var forDifferent = await FindAsync(different);

        Assert.Equal(earlier, forRewording[0].Title);
        Assert.InRange(forRewording[0].Similarity, SimilarRecommendations.Threshold, 1);
        Assert.DoesNotContain(forDifferent, s => s.Title == earlier);
    }

    [Fact]
    public async Task Every_rewording_scores_above_every_different_recommendation()
    {
        await GivenAsync();
        var scores = await App.WithDbAsync(async db =>
        {
            var found = new List<(bool Same, double Score)>();
            foreach (var (earlier, rewording, different) in Triples)
            {
                found.Add((true, await SimilarityAsync(db, earlier, rewording)));
                found.Add((false, await SimilarityAsync(db, earlier, different)));
            }

            return found;
        });

        var lowestSame = scores.Where(s => s.Same).Min(s => s.Score);
        var highestDifferent = scores.Where(s => !s.Same).Max(s => s.Score);
        Assert.True(
            highestDifferent < SimilarRecommendations.Threshold && SimilarRecommendations.Threshold <= lowestSame,
            string.Create(CultureInfo.InvariantCulture, $"rewordings from {lowestSame:F2}, different up to {highestDifferent:F2}")
        );
    }

    private static Task<double> SimilarityAsync(Readiness.Core.Data.ReadinessDbContext db, string a, string b) =>
        db.Database.SqlQuery<double>($"SELECT similarity({a}, {b})::float8 AS \"Value\"").SingleAsync();

    [Fact]
    public async Task Adding_a_recommendation_like_an_existing_one_shows_it_before_saving_and_saves_when_asked_again()
    {
        await GivenAsync();
        var later = Build.Review();
        await App.SaveAsync(later);
        var form = new Dictionary<string, string>
        {
            ["ReviewId"] = later.Id.ToString(),
            ["Reference"] = "2022-101",
            ["Title"] = "Provide ballistic body armour to all ambulance crews",
            ["Text"] = "Crews attending a marauding attack need protection.",
            ["LeadAgencyId"] = _agency.Id.ToString(),
            ["Priority"] = nameof(Priority.High),
            ["Marking"] = nameof(ProtectiveMarking.Official),
        };

        var first = await Client(_office.Email).PostFormAsync("/admin/recommendations/new", "/admin/recommendations/new", form);
        var html = await first.Content.ReadAsStringAsync();
        var saved = await Client(_office.Email)
            .PostFormAsync(
                "/admin/recommendations/new",
                "/admin/recommendations/new",
                new Dictionary<string, string>(form) { ["SimilarChecked"] = "true" }
            );

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Existing recommendations have similar titles", html, StringComparison.Ordinal);
        Assert.Contains(_existing[5].Reference, html, StringComparison.Ordinal);
        Assert.Contains("Save it anyway", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Recommendations.AnyAsync(r => r.Reference == "2022-101")));
    }

    [Fact]
    public async Task An_import_dry_run_lists_existing_recommendations_like_each_new_row()
    {
        await GivenAsync();
        var later = Build.Review("SIM22");
        await App.SaveAsync(later);
        var file =
            "Review,Reference,Title,Text,Theme,Lead agency,Supporting agencies,Target date,Priority,Monitored,Marking,Publishable\r\n"
            + $"SIM22,2022-201,Establish one casualty bureau serving the whole of London,Text.,,{_agency.Code},,,,,,\r\n"
            + $"SIM22,2022-202,Protect water supplies from contamination,Text.,,{_agency.Code},,,,,,\r\n";

        var uploaded = await Client(_office.Email)
            .PostMultipartAsync(
                "/admin/import",
                "/admin/import",
                new Dictionary<string, string>(),
                ("r.csv", Encoding.UTF8.GetBytes(file))
            );
        var html = await Client(_office.Email).GetStringAsync(uploaded.Headers.Location);

        Assert.Contains("1 new recommendation has a title like existing ones", html, StringComparison.Ordinal);
        var rows = html.Split("<tr class=\"govuk-table__row\">");
        Assert.Contains(
            _existing[3].Reference,
            Assert.Single(rows, r => r.Contains("2022-201", StringComparison.Ordinal)),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "<span>None</span>",
            Assert.Single(rows, r => r.Contains("2022-202", StringComparison.Ordinal)),
            StringComparison.Ordinal
        );
    }
}
