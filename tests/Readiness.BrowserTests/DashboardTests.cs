using Microsoft.Playwright;

namespace Readiness.BrowserTests;

/// <summary>The progress dashboard in each role that has it, over the demonstration data's rebuilt history.</summary>
public sealed class DashboardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData("Morgan Ellis (sample)")]
    [InlineData("Priya Patel (sample)")]
    [InlineData("Jordan Hughes (sample)")]
    public async Task The_dashboard_passes_axe_and_its_data_tables_open_from_the_keyboard(string person)
    {
        await SignInWithKeyboardAsync(person);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Progress over time" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("svg.app-chart")).ToHaveCountAsync(5);
        await AssertAccessibleAsync();

        await Page.GetByTestId("chart-0").Locator("summary").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByTestId("chart-0").Locator("table")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    }
}
