using Microsoft.Playwright;
using Readiness.Core.Users;
using Readiness.TestSupport;

namespace Readiness.BrowserTests;

public sealed class CoverTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_lead_names_cover_on_an_accessible_page_and_mistakes_are_explained()
    {
        var agency = Build.Agency();
        var lead = Build.User(Role.AgencyLead, agency);
        var deputy = Build.User(Role.AgencyContributor, agency);
        await Fixture.App.SaveAsync(agency, lead, deputy);
        await SignInWithKeyboardAsync(lead.DisplayName);

        await Page.GotoAsync("/account");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Name someone to cover for you" }).ClickAsync();
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Add cover" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToContainTextAsync("Select a lead or contributor from your agency");
        await AssertAccessibleAsync();

        await Page.GetByLabel("Who covers for you").SelectOptionAsync(new SelectOptionValue { Label = deputy.DisplayName });
        var first = Page.GetByRole(AriaRole.Group, new() { Name = "First day of cover" });
        await first.GetByLabel("Day").FillAsync("27");
        await first.GetByLabel("Month").FillAsync("11");
        await first.GetByLabel("Year").FillAsync("2026");
        var last = Page.GetByRole(AriaRole.Group, new() { Name = "Last day of cover" });
        await last.GetByLabel("Day").FillAsync("4");
        await last.GetByLabel("Month").FillAsync("12");
        await last.GetByLabel("Year").FillAsync("2026");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add cover" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("cover")).ToContainTextAsync(deputy.DisplayName);
        await AssertAccessibleAsync();
    }
}
