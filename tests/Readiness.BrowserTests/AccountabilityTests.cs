using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Readiness.Core.Recommendations;
using Readiness.TestSupport;

namespace Readiness.BrowserTests;

/// <summary>The assured RAG, blocker, dependency and link pages, and the similar-title warning, in a browser with axe.</summary>
public sealed class AccountabilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>An open OFFICIAL recommendation whose agency RAG (as the board sees it) is amber or green, so red disagrees.</summary>
    private Task<Recommendation> InProgressAsync() =>
        Fixture.App.WithDbAsync(db =>
            db.Recommendations.AsNoTracking()
                .Where(r => r.Marking == ProtectiveMarking.Official)
                .Where(RecommendationRules.IsOpen)
                .Assess(DateOnly.FromDateTime(ReadinessApp.DefaultNow.UtcDateTime))
                .Where(a => a.Rag == Rag.Amber || a.Rag == Rag.Green)
                .Select(a => a.Recommendation)
                .OrderBy(r => r.Reference)
                .FirstAsync()
        );

    [Fact]
    public async Task The_programme_office_assures_a_rag_records_a_blocker_and_links_recommendations_on_accessible_pages()
    {
        var recommendation = await InProgressAsync();
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync($"/recommendations/{recommendation.Id}");

        await Page.GetByRole(AriaRole.Link, new() { Name = $"Set the assured RAG for {recommendation.Reference}" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save assured RAG" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToContainTextAsync("Select the assured RAG");
        await AssertAccessibleAsync();
        await Page.GetByLabel("Red").CheckAsync();
        await Page.GetByLabel("Reason").FillAsync("The October exercise found the plan unworkable.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save assured RAG" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("assured-rag")).ToContainTextAsync("The October exercise found the plan unworkable.");

        await Page.GetByRole(AriaRole.Link, new() { Name = $"Record a blocker for {recommendation.Reference}" }).ClickAsync();
        await AssertAccessibleAsync();
        await Page.GetByLabel("Needs funding").CheckAsync();
        await Page.GetByLabel("Note").FillAsync("The capital bid goes to the March board.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("blocker")).ToContainTextAsync("Needs funding");
        await AssertAccessibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Add a dependency" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add dependency" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the reference of the other recommendation");
        await AssertAccessibleAsync();

        await Page.GotoAsync($"/recommendations/{recommendation.Id}/links/new");
        await AssertAccessibleAsync();
        var closed = await Fixture.App.WithDbAsync(db =>
            db.Recommendations.AsNoTracking().Where(r => r.DeliveryStatus == DeliveryStatus.Complete).Select(r => r.Id).FirstAsync()
        );
        await Page.GotoAsync($"/recommendations/{closed}/validation");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save validation" }).ClickAsync();
        await Assertions.Expect(Page.Locator(".govuk-error-summary")).ToContainTextAsync("Select whether the change has been validated");
        await AssertAccessibleAsync();
        await Page.GotoAsync("/recommendations?disagree=true&blocked=true");
        await Assertions.Expect(Page.GetByTestId("register")).ToContainTextAsync(recommendation.Reference);
        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task Adding_a_recommendation_like_an_existing_one_warns_on_an_accessible_page()
    {
        var existing = await InProgressAsync();
        await SignInWithKeyboardAsync("Priya Patel (sample)");
        await Page.GotoAsync("/admin/recommendations/new");

        await Page.GetByLabel("Review", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.GetByLabel("Reference").FillAsync("2022-999");
        await Page.GetByLabel("Title").FillAsync(existing.Title);
        await Page.GetByLabel("Text", new() { Exact = true }).FillAsync("A repeat, to see the warning.");
        await Page.GetByLabel("Lead agency").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save recommendation" }).ClickAsync();

        await Assertions.Expect(Page.GetByTestId("similar")).ToContainTextAsync(existing.Reference);
        await AssertAccessibleAsync();
    }
}
