using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

public sealed class SecurityHeaderTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData("/sign-in")]
    [InlineData("/")]
    [InlineData("/recommendations")]
    [InlineData("/no-such-page")]
    public async Task Pages_carry_a_content_security_policy_without_inline_script_and_anti_framing_headers(string path)
    {
        var user = Build.User(Role.Viewer);
        await App.SaveAsync(user);

        var response = await Client(user.Email).GetAsync(new Uri(path, UriKind.Relative));
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));

        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Downloads_carry_the_same_headers_and_are_not_cached()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Response = Core.Recommendations.ResponseStatus.Accepted;
        var lead = Build.User(Role.AgencyLead, agency);
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(agency, review, recommendation, lead, office);
        var uploaded = await Client(lead.Email).AddEvidenceAsync(recommendation.Id, ("report.pdf", SampleFiles.Pdf()));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, uploaded.StatusCode);
        var item = await App.WithDbAsync(db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.EvidenceItems)
        );

        foreach (
            var path in new[]
            {
                "/recommendations/export.csv",
                "/recommendations/export.xlsx",
                "/reports/board.pdf?Scope=Programme&AsAt.Day=1&AsAt.Month=11&AsAt.Year=2026",
                $"/evidence/{item.Id}/versions/1",
            }
        )
        {
            var response = await Client(office.Email).GetAsync(new Uri(path, UriKind.Relative));

            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.True(
                response.Content.Headers.ContentDisposition?.DispositionType == "attachment",
                $"{path}: {response.Content.Headers}"
            );
            Assert.Contains(
                "frame-ancestors 'none'",
                string.Join(";", response.Headers.GetValues("Content-Security-Policy")),
                StringComparison.Ordinal
            );
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_have_no_inline_script()
    {
        var user = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(user);

        var html = await Client(user.Email).GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
    }
}
