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
    public async Task Pages_have_no_inline_script()
    {
        var user = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(user);

        var html = await Client(user.Email).GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
    }
}
