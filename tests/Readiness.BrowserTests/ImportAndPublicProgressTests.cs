using System.Text;
using Microsoft.Playwright;

namespace Readiness.BrowserTests;

public sealed class ImportAndPublicProgressTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Header =
        "Review,Reference,Title,Text,Theme,Lead agency,Supporting agencies,Target date,Priority,Monitored,Marking,Publishable";

    private static FilePayload Csv(params string[] rows) =>
        new()
        {
            Name = "new-review.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(string.Join("\n", [Header, .. rows])),
        };

    [Fact]
    public async Task The_programme_office_dry_runs_an_import_sees_each_bad_row_then_imports_a_clean_file()
    {
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync("/admin");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Import recommendations from CSV or Excel" }).ClickAsync();
        await AssertAccessibleAsync();

        await Page.GetByLabel("File to import")
            .SetInputFilesAsync(
                Csv(
                    "LPR2022,2022-901,Good row,Sample text.,,LFB,,,,,,",
                    "LPR2022,2022-902,Bad agency,Sample text.,,Fire Service,,,,,,",
                    "LPR2022,2022-903,Bad date,Sample text.,,LFB,,30/02/2027,,,,"
                )
            );
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Dry run: 2 problems to correct" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("problems").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.GetByTestId("problems").Locator("tbody tr").First).ToContainTextAsync("3");
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Upload a corrected file" }).ClickAsync();
        await Page.GetByLabel("File to import")
            .SetInputFilesAsync(
                Csv(
                    "LPR2022,2022-901,Good row,Sample text.,,LFB,,,,,,",
                    "LPR2022,2022-902,Fixed agency,Sample text.,,London Fire Brigade,,,,,,Yes"
                )
            );
        await Page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Dry run: ready to import" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Import 2 recommendations" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("Imported: 2 added, 0 updated, 0 unchanged.")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_programme_office_previews_and_publishes_and_the_public_page_needs_no_sign_in()
    {
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync("/admin/public-progress");
        await Assertions.Expect(Page.GetByText("Nothing has been published yet.", new() { Exact = false })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Publish this version" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("The public progress page now shows")).ToBeVisibleAsync();
        await SignOutAsync();

        await Page.GotoAsync("/progress");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Progress on the recommendations" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("public-summary")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("OFFICIAL-SENSITIVE", new() { Exact = true })).ToHaveCountAsync(0);
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_person_creates_a_calendar_address_from_their_account_with_the_keyboard()
    {
        await SignInWithKeyboardAsync("Jordan Hughes (sample)");
        await Page.GotoAsync("/account");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create address for milestones you own" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.GetByTestId("calendar-url")).ToContainTextAsync("/calendar/");
        await AssertAccessibleAsync();

        var url = await Page.GetByTestId("calendar-url").Locator("code").InnerTextAsync();
        var feed = await Page.APIRequest.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("BEGIN:VCALENDAR", await feed.TextAsync(), StringComparison.Ordinal);
    }
}
