using Microsoft.Playwright;

namespace Readiness.BrowserTests;

public sealed class RecommendationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_register_passes_axe_and_pages_on_the_server()
    {
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync("/recommendations");
        await Assertions.Expect(Page.GetByTestId("register").Locator("tbody tr")).ToHaveCountAsync(25);
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        Assert.EndsWith("page=2", Page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync();
    }
}
