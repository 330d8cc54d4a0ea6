using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Readiness.BrowserTests;

public abstract partial class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    private IBrowserContext? _context;
    private readonly List<string> _consoleErrors = [];

    protected BrowserFixture Fixture => fixture;

    protected IPage Page { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await fixture.ResetToDemoDataAsync();
        _context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl });
        Page = await _context.NewPageAsync();
        Page.Console += (_, message) =>
        {
            if (
                message.Type == "error"
                && (
                    message.Text.Contains("Content Security Policy", StringComparison.Ordinal)
                    || message.Text.StartsWith("Refused", StringComparison.Ordinal)
                )
            )
            {
                _consoleErrors.Add($"{Page.Url}: {message.Text}");
            }
        };
        Page.PageError += (_, error) => _consoleErrors.Add($"{Page.Url}: script error {error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    /// <summary>Scans the page as it is now with axe-core against WCAG 2.2 AA and fails with every violation listed.</summary>
    protected async Task AssertAccessibleAsync()
    {
        if (Environment.GetEnvironmentVariable("READINESS_SCREENSHOTS") is { Length: > 0 } folder)
        {
            var name = string.Concat(new Uri(Page.Url).PathAndQuery.Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{(name.Length == 0 ? "home" : name)}.png"), FullPage = true });
        }

        Assert.True(_consoleErrors.Count == 0, "The browser blocked content or a script failed:\n" + string.Join("\n", _consoleErrors));
        Assert.True(
            await Page.EvaluateAsync<bool>("() => document.body.classList.contains('govuk-frontend-supported')"),
            "GOV.UK Frontend's start-up script did not run."
        );
        var result = await Page.RunAxe(Wcag22AA);
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"
        );
        Assert.True(result.Violations.Length == 0, $"axe found violations on {Page.Url}:\n{string.Join("\n", violations)}");
        Assert.True(result.Passes.Length > 0, "axe reported no passing rules: the scan did not run on the page.");
    }

    /// <summary>Signs in through the development sign-in page using only the keyboard.</summary>
    protected async Task SignInWithKeyboardAsync(string displayName)
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel(displayName).FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.PressAsync("Enter");
        // A polling assertion, not WaitForURL: the redirect can commit before the wait starts, and WaitForURL then waits for
        // a load event it may already have missed (seen once in CI: 30 s, "NetworkIdle event fired", no load).
        await Assertions.Expect(Page).Not.ToHaveURLAsync(SignInPath());
        // Signed in: the layout has its sign-out link (folded behind "Menu" on a phone, so attached rather than visible).
        await Assertions
            .Expect(
                Page.GetByRole(
                    AriaRole.Link,
                    new()
                    {
                        Name = "Sign out",
                        Exact = true,
                        IncludeHidden = true,
                    }
                )
            )
            .ToBeAttachedAsync();
    }

    /// <summary>Signs out through the layout's link and the page that asks first.</summary>
    protected async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(SignInPath());
    }

    [GeneratedRegex("/sign-in")]
    protected static partial Regex SignInPath();
}
