using Microsoft.Playwright;

namespace Readiness.BrowserTests;

public sealed class SignInAndHomeTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task The_sign_in_page_lists_demonstration_users_and_passes_axe()
    {
        await Page.GotoAsync("/");

        Assert.EndsWith("/sign-in?ReturnUrl=%2F", Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(Page.GetByText("lead.lfb@demo.readiness.example")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_lead_signs_in_with_the_keyboard_and_lands_on_their_agencys_home_page_which_passes_axe()
    {
        await SignInWithKeyboardAsync("Jordan Hughes (sample)");

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your work" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator(".govuk-caption-l")).ToHaveTextAsync("London Fire Brigade");
        await Assertions.Expect(Page.GetByTestId("agency-recommendations")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("[data-marking=top]")).ToHaveTextAsync("OFFICIAL");
        await Assertions.Expect(Page.Locator("[data-marking=bottom]")).ToHaveTextAsync("OFFICIAL");
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task An_empty_sign_in_shows_an_error_summary_that_passes_axe()
    {
        await Page.GotoAsync("/sign-in");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions
            .Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Select a demonstration user to sign in as" }))
            .ToBeVisibleAsync();
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_accessibility_statement_and_error_pages_pass_axe()
    {
        await Page.GotoAsync("/accessibility");
        await Assertions
            .Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Accessibility statement for Readiness" }))
            .ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await SignInWithKeyboardAsync("Morgan Ellis (sample)");
        var response = await Page.GotoAsync($"/recommendations/{Guid.NewGuid()}");
        Assert.Equal(404, response!.Status);
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task Signing_out_asks_first_on_a_page_that_passes_axe_and_works_with_the_keyboard()
    {
        await SignInWithKeyboardAsync("Jordan Hughes (sample)");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign out", Exact = true }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign out of Readiness" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your work" })).ToBeVisibleAsync();

        await Page.GotoAsync("/sign-out");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page).ToHaveURLAsync(SignInPath());
        await Page.GotoAsync("/recommendations");
        await Assertions.Expect(Page).ToHaveURLAsync(SignInPath());
    }
}
