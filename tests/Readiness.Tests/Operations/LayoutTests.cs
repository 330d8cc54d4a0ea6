using System.Text.RegularExpressions;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class LayoutTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Pages_show_the_protective_marking_at_the_top_and_bottom()
    {
        var user = Build.User(Role.Viewer);
        await App.SaveAsync(user);

        var html = await Client(user.Email).GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(2, Regex.Count(html, "class=\"app-marking\" data-marking=\"(top|bottom)\">OFFICIAL<"));
    }

    [Fact]
    public async Task The_marking_comes_from_configuration()
    {
        await using var app = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?> { ["Readiness:ProtectiveMarking"] = "OFFICIAL-SENSITIVE" }
        );

        var html = await app.CreateClient().GetStringAsync(new Uri("/sign-in", UriKind.Relative));

        Assert.Equal(2, Regex.Count(html, ">OFFICIAL-SENSITIVE<"));
    }

    [Fact]
    public async Task Text_people_type_is_encoded_when_shown()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Title = "<script>alert('x')</script>";
        var user = Build.User(Role.Viewer, agency);
        await App.SaveAsync(agency, review, recommendation, user);

        var html = await Client(user.Email).GetStringAsync(new Uri($"/recommendations/{recommendation.Id}", UriKind.Relative));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
    }
}
