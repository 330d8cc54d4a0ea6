using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.BrowserTests;

public sealed class EvidenceTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static FilePayload Pdf(string name, string text) =>
        new()
        {
            Name = name,
            MimeType = "application/pdf",
            Buffer = Readiness.TestSupport.SampleFiles.Pdf(text),
        };

    [Fact]
    public async Task Evidence_is_uploaded_sent_back_replaced_accepted_and_the_recommendation_closed()
    {
        var (recommendation, lead) = await Fixture.App.WithDbAsync(async db =>
        {
            var found = await db
                .Recommendations.AsNoTracking()
                .Where(r =>
                    r.Response == ResponseStatus.Accepted
                    && r.DeliveryStatus == DeliveryStatus.InProgress
                    && db.Users.Any(u => u.AgencyId == r.LeadAgencyId && u.Role == Role.AgencyLead)
                )
                .OrderBy(r => r.Reference)
                .FirstAsync();
            return (
                found,
                await db
                    .Users.Where(u => u.AgencyId == found.LeadAgencyId && u.Role == Role.AgencyLead)
                    .Select(u => u.DisplayName)
                    .FirstAsync()
            );
        });

        await SignInWithKeyboardAsync(lead);
        await Page.GotoAsync($"/recommendations/{recommendation.Id}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("Title").FillAsync("Exercise papers");
        var evidenceDate = Page.GetByRole(AriaRole.Group, new() { Name = "Evidence date" });
        await evidenceDate.GetByLabel("Day").FillAsync("12");
        await evidenceDate.GetByLabel("Month").FillAsync("10");
        await evidenceDate.GetByLabel("Year").FillAsync("2026");
        await Page.GetByLabel("Files")
            .SetInputFilesAsync([
                Pdf("exercise-report.pdf", "report"),
                new FilePayload
                {
                    Name = "attendance.pdf",
                    MimeType = "application/pdf",
                    Buffer = [(byte)'M', (byte)'Z', 0x90, 0],
                },
            ]);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();
        await Assertions
            .Expect(
                Page.GetByRole(
                    AriaRole.Link,
                    new() { NameRegex = new Regex("attendance.pdf is named as a PDF but its content is a Windows program") }
                )
            )
            .ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByLabel("Title")).ToHaveValueAsync("Exercise papers");
        await AssertAccessibleAsync();

        await Page.GetByLabel("Files").SetInputFilesAsync([Pdf("exercise-report.pdf", "report"), Pdf("attendance.pdf", "attendance v1")]);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add evidence" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("2 evidence items added.")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("evidence").Locator("tbody tr")).ToHaveCountAsync(2);
        await SignOutAsync();

        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Evidence review" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Exercise papers (attendance.pdf)" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("Send it back", new() { Exact = true }).CheckAsync();
        await Page.GetByLabel("If you send it back, why?").SelectOptionAsync(new SelectOptionValue { Label = "It is incomplete" });
        await Page.GetByLabel("Comment for the owner").FillAsync("Include the second day's sign-in sheet.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("evidence-status")).ToHaveTextAsync("Sent back");
        await SignOutAsync();

        await SignInWithKeyboardAsync(lead);
        await Assertions.Expect(Page.GetByTestId("evidence-sent-back")).ToContainTextAsync("attendance.pdf");
        await Page.GotoAsync($"/recommendations/{recommendation.Id}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Exercise papers (attendance.pdf)" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("sent-back")).ToContainTextAsync("Include the second day's sign-in sheet.");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload a new version" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("New file").SetInputFilesAsync(Pdf("attendance-both-days.pdf", "attendance v2"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload new version" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("versions").Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.GetByTestId("evidence-status")).ToHaveTextAsync("Awaiting review");
        await SignOutAsync();

        await SignInWithKeyboardAsync("Priya Patel (sample)");
        foreach (var title in new[] { "Exercise papers (attendance.pdf)", "Exercise papers (exercise-report.pdf)" })
        {
            await Page.GotoAsync("/evidence/review");
            await Page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Page.GetByLabel("Accept it", new() { Exact = true }).CheckAsync();
            await Page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
            await Assertions.Expect(Page.GetByTestId("evidence-status")).ToHaveTextAsync("Accepted");
        }

        await Page.GotoAsync($"/recommendations/{recommendation.Id}");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Close recommendation" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether the change has been validated");
        await AssertAccessibleAsync();
        await Page.GetByLabel("Yes, validated").CheckAsync();
        await Page.GetByLabel("Exercise", new() { Exact = true }).CheckAsync();
        var on = Page.GetByRole(AriaRole.Group, new() { Name = "Date of the validation" });
        await on.GetByLabel("Day").FillAsync("20");
        await on.GetByLabel("Month").FillAsync("11");
        await on.GetByLabel("Year").FillAsync("2026");
        await Page.GetByLabel("Reference").FillAsync("EX-2026-14");
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Close recommendation" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("status")).ToHaveTextAsync("Complete");
        await Assertions.Expect(Page.GetByTestId("validation")).ToContainTextAsync("Validated by exercise on 20 November 2026");
        await Assertions.Expect(Page.GetByTestId("closures")).ToContainTextAsync("Closed by Priya Patel (sample)");

        await Page.GotoAsync($"/recommendations?q={recommendation.Reference}");
        await Assertions
            .Expect(Page.GetByTestId("register").Locator("tbody tr").Filter(new() { HasText = recommendation.Reference }))
            .ToContainTextAsync("Complete");
        await AssertAccessibleAsync();
    }
}
