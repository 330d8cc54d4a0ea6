using Microsoft.Playwright;

namespace Readiness.BrowserTests;

public sealed class RecommendationTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_lead_records_a_response_on_their_agencys_recommendation_and_every_page_passes_axe()
    {
        await SignInWithKeyboardAsync("Jordan Hughes (sample)");
        await Page.GetByTestId("agency-recommendations").GetByRole(AriaRole.Link).First.ClickAsync();
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Record response") }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("Not accepted").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Enter the rationale for not accepting this recommendation" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await Page.GetByLabel("Rationale").FillAsync("Sample: national arrangements already cover this.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();

        await Assertions.Expect(Page.GetByText("Response recorded.")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("response")).ToContainTextAsync("Not accepted");
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_register_passes_axe_and_pages_on_the_server()
    {
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync("/recommendations");
        await Assertions.Expect(Page.GetByTestId("register").Locator("tbody tr")).ToHaveCountAsync(50);
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        Assert.EndsWith("page=2", Page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync();
    }
}
