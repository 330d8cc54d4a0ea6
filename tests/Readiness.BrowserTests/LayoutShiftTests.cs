using Microsoft.Playwright;

namespace Readiness.BrowserTests;

public sealed class LayoutShiftTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>
    /// On a phone the menu folds behind a "Menu" button. It must be drawn folded from the start: if it is drawn open and
    /// folded when GOV.UK Frontend's script runs, everything below it jumps (the programme office's menu is the longest).
    /// </summary>
    [Fact]
    public async Task The_menu_on_a_phone_does_not_move_the_page_when_the_script_loads()
    {
        await Page.SetViewportSizeAsync(375, 812);
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync("/", new() { WaitUntil = WaitUntilState.Load });
        await Page.WaitForTimeoutAsync(500);

        var shift = await Page.EvaluateAsync<double>(
            """
            () => new Promise(resolve => {
              let total = 0;
              new PerformanceObserver(list => {
                for (const entry of list.getEntries()) { if (!entry.hadRecentInput) total += entry.value; }
              }).observe({ type: 'layout-shift', buffered: true });
              setTimeout(() => resolve(total), 200);
            })
            """
        );

        Assert.True(shift < 0.01, $"cumulative layout shift {shift:0.000}");
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Menu" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Evidence review" })).ToBeVisibleAsync();
    }
}
