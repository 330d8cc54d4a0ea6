using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.Core.Recommendations;

namespace Readiness.BrowserTests;

public sealed class DeliveryWorkflowTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task A_lead_records_a_response_adds_a_milestone_and_posts_an_update_on_accessible_pages()
    {
        var (recommendation, lead) = await Fixture.App.WithDbAsync(async db =>
        {
            var found = await db
                .Recommendations.AsNoTracking()
                .Where(r =>
                    r.Response == ResponseStatus.Pending
                    && db.Users.Any(u => u.AgencyId == r.LeadAgencyId && u.Role == Readiness.Core.Users.Role.AgencyLead)
                )
                .OrderBy(r => r.Reference)
                .FirstAsync();
            var name = await db
                .Users.Where(u => u.AgencyId == found.LeadAgencyId && u.Role == Readiness.Core.Users.Role.AgencyLead)
                .Select(u => u.DisplayName)
                .FirstAsync();
            return (found, name);
        });
        await SignInWithKeyboardAsync(lead);
        await AssertAccessibleAsync();

        await Page.GotoAsync($"/recommendations/{recommendation.Id}");
        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Record response") }).ClickAsync();
        await Page.GetByLabel("Accepted", new() { Exact = true }).CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("response")).ToContainTextAsync("Accepted");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Add a milestone" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("Milestone", new() { Exact = true }).FillAsync("Agree the exercise scenario with partners");
        await Page.GetByLabel("Day").First.FillAsync("31");
        await Page.GetByLabel("Month").First.FillAsync("2");
        await Page.GetByLabel("Year").First.FillAsync("2027");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add milestone" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Due date must be a real date" })).ToBeVisibleAsync();
        await Assertions
            .Expect(Page.GetByLabel("Milestone", new() { Exact = true }))
            .ToHaveValueAsync("Agree the exercise scenario with partners");
        await AssertAccessibleAsync();
        await Page.GetByLabel("Day").First.FillAsync("28");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add milestone" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("milestones")).ToContainTextAsync("Agree the exercise scenario with partners");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Post a progress update" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("What has happened since the last update?").FillAsync("Partners met and agreed the scenario outline.");
        await Page.GetByLabel("In progress").CheckAsync();
        await Page.GetByLabel("Amber").CheckAsync();
        await Page.GetByLabel("Reason for the RAG rating").FillAsync("The venue is not yet confirmed.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Post update" }).ClickAsync();

        await Assertions.Expect(Page.GetByText("Progress update posted.")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("updates")).ToContainTextAsync("Partners met and agreed the scenario outline.");
        await Assertions.Expect(Page.GetByTestId("status")).ToHaveTextAsync("In progress");
        await Assertions.Expect(Page.GetByTestId("history")).ToContainTextAsync("Response: Pending to Accepted");
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_programme_office_approves_a_new_target_date_and_the_register_shows_the_slippage()
    {
        var recommendation = await Fixture.App.WithDbAsync(db =>
            db.Recommendations.AsNoTracking()
                .Where(r =>
                    r.LeadAgency!.Code == "LFB"
                    && r.Response == ResponseStatus.Accepted
                    && r.CurrentTargetDate != null
                    && r.DeliveryStatus == DeliveryStatus.InProgress
                    && r.SlippageDays == 0
                )
                .OrderBy(r => r.Reference)
                .FirstAsync()
        );
        var target = recommendation.CurrentTargetDate!.Value;
        var newDate = target.AddDays(60);

        await SignInWithKeyboardAsync("Jordan Hughes (sample)");
        await Page.GotoAsync($"/recommendations/{recommendation.Id}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ask for a new target date" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("Day").FillAsync(newDate.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Month").FillAsync(newDate.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Year").FillAsync(newDate.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Why does the date need to change?").FillAsync("The training provider moved the course.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("pending-target-date")).ToContainTextAsync("The training provider moved the course.");
        await SignOutAsync();

        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Assertions.Expect(Page.GetByTestId("pending-requests")).ToContainTextAsync(recommendation.Reference);
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Date requests" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Decide on {recommendation.Reference}" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("Approve the new date").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("target-date")).ToContainTextAsync("slipped 60 days");

        await Page.GotoAsync($"/recommendations?q={recommendation.Reference}");
        var row = Page.GetByTestId("register").Locator("tbody tr").Filter(new() { HasText = recommendation.Reference });
        await Assertions.Expect(row.GetByTestId("slippage")).ToHaveTextAsync("60");
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_filtered_register_url_opened_fresh_shows_the_same_result()
    {
        await SignInWithKeyboardAsync("Morgan Ellis (sample)");
        await Page.GotoAsync("/recommendations");
        await Page.GetByLabel("Lead agency").SelectOptionAsync(new SelectOptionValue { Label = "London Fire Brigade" });
        await Page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "In progress" });
        await Page.GetByLabel("Overdue").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Target date") }).ClickAsync();
        var url = Page.Url;
        var count = await Page.GetByTestId("result-count").InnerTextAsync();
        var rows = await Page.GetByTestId("register").Locator("tbody tr td:first-child").AllInnerTextsAsync();
        await AssertAccessibleAsync();
        Assert.Contains("agency=LFB", url, StringComparison.Ordinal);
        Assert.Contains("status=in-progress", url, StringComparison.Ordinal);
        Assert.Contains("overdue=true", url, StringComparison.Ordinal);
        Assert.Contains("sort=target", url, StringComparison.Ordinal);
        Assert.NotEmpty(rows);

        await using var fresh = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Fixture.BaseUrl });
        var page = await fresh.NewPageAsync();
        await page.GotoAsync(url);
        await page.GetByLabel("Morgan Ellis (sample)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        Assert.Equal(url, page.Url);
        Assert.Equal(count, await page.GetByTestId("result-count").InnerTextAsync());
        Assert.Equal(rows, await page.GetByTestId("register").Locator("tbody tr td:first-child").AllInnerTextsAsync());
        await Assertions.Expect(page.GetByLabel("Lead agency")).ToHaveValueAsync("LFB");
        await Assertions.Expect(page.GetByLabel("Overdue")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Programme_office_pages_pass_axe()
    {
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        foreach (
            var path in new[]
            {
                "/audit",
                "/admin",
                "/admin/reviews",
                "/admin/agencies",
                "/admin/agencies/new",
                "/admin/users",
                "/admin/recommendations/new",
                "/target-date-requests",
            }
        )
        {
            var response = await Page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await AssertAccessibleAsync();
        }

        await Page.GotoAsync("/admin/agencies/new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save agency" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Enter the agency's short code" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();

        var review = await Fixture.App.WithDbAsync(db => db.Reviews.AsNoTracking().OrderBy(r => r.Code).FirstAsync());
        await Page.GotoAsync($"/admin/reviews/{review.Id}/edit");
        await AssertAccessibleAsync();

        await Page.GotoAsync("/admin/webhooks/new");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Choose at least one kind of change" })).ToBeVisibleAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("Name").FillAsync("Fire brigade tracker");
        await Page.GetByLabel("Address").FillAsync("https://tracker.example.gov.uk/readiness-events");
        await Page.GetByLabel("A board report was issued").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("new-secret")).ToContainTextAsync("shown only now");
        await Assertions.Expect(Page.GetByTestId("endpoints")).ToContainTextAsync("Fire brigade tracker");
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_executive_home_page_passes_axe()
    {
        await SignInWithKeyboardAsync("Morgan Ellis (sample)");

        await Assertions.Expect(Page.GetByTestId("by-agency")).ToBeVisibleAsync();
        await AssertAccessibleAsync();
    }
}
