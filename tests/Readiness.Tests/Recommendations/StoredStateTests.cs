using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reviews;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Recommendations;

/// <summary>
/// The stored RAG, reason, "overdue" and milestone dates (<see cref="StoredState"/>) against the rules, after changes made
/// the way people make them: through the pages, at the same moment, and as days pass.
/// </summary>
public sealed class StoredStateTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(ReadinessApp.DefaultNow.UtcDateTime);
    private readonly Agency _agency = Build.Agency("FIRE");
    private readonly Review _review = Build.Review("REV");
    private Recommendation _recommendation = null!;
    private UserAccount _lead = null!;

    private async Task GivenAsync()
    {
        _recommendation = Build.Recommendation(_review, _agency);
        _recommendation.Response = ResponseStatus.Accepted;
        _recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        _recommendation.Rag = Rag.Amber;
        _recommendation.RagReason = "Funding agreed, contract not yet let.";
        _recommendation.CurrentTargetDate = new DateOnly(2027, 6, 30);
        _lead = Build.User(Role.AgencyLead, _agency);
        await App.SaveAsync(_agency, _review, _recommendation, _lead);
    }

    private Task<StoredState> StoredAsync() =>
        App.WithDbAsync(db => db.StoredStates.AsNoTracking().SingleAsync(s => s.RecommendationId == _recommendation.Id));

    private async Task<IReadOnlyList<string>> DifferencesAsync(DateOnly? day = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StoredStates>().DifferencesAsync(day ?? Today, CancellationToken.None);
    }

    private async Task<HttpResponseMessage> AddMilestoneAsync(string title, DateOnly due) =>
        await Client(_lead.Email)
            .PostFormAsync(
                $"/recommendations/{_recommendation.Id}/milestones/new",
                $"/recommendations/{_recommendation.Id}/milestones/new",
                new Dictionary<string, string>
                {
                    ["Title"] = title,
                    ["DeliveringAgencyId"] = _agency.Id.ToString(),
                    ["DueDate.Day"] = due.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["DueDate.Month"] = due.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["DueDate.Year"] = due.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Version"] = "0",
                }
            );

    private Task<string> RegisterAsync(string query) =>
        Client(_lead.Email).GetStringAsync(new Uri("/recommendations" + query, UriKind.Relative));

    [Fact]
    public async Task Milestones_added_and_completed_through_the_pages_change_the_stored_state_in_the_same_save()
    {
        await GivenAsync();
        var before = await StoredAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await AddMilestoneAsync("Sign the barrier contract", new DateOnly(2026, 11, 1))).StatusCode);
        var late = await StoredAsync();
        var overdueList = await RegisterAsync("?overdue=true");
        Assert.Equal(
            HttpStatusCode.Redirect,
            (await AddMilestoneAsync("Install at the first venue", new DateOnly(2027, 1, 15))).StatusCode
        );
        var planned = await StoredAsync();
        var lateMilestone = await App.WithDbAsync(db =>
            db.Milestones.SingleAsync(m => m.RecommendationId == _recommendation.Id && m.CurrentDueDate == new DateOnly(2026, 11, 1))
        );
        var completed = await Client(_lead.Email)
            .PostMultipartAsync(
                $"/milestones/{lateMilestone.Id}/complete",
                $"/milestones/{lateMilestone.Id}/complete",
                new Dictionary<string, string>()
            );
        var after = await StoredAsync();

        Assert.Equal(new DerivedState(Rag.Amber, RagBasis.Owner, false, 0, null, null), before.Derived);
        Assert.Equal(new DerivedState(Rag.Red, RagBasis.MilestonesOverdue, true, 1, new DateOnly(2026, 11, 1), null), late.Derived);
        Assert.Contains(_recommendation.Reference, overdueList, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2027, 1, 15), planned.NextMilestoneDue);
        Assert.Equal(HttpStatusCode.Redirect, completed.StatusCode);
        Assert.Equal(new DerivedState(Rag.Amber, RagBasis.Owner, false, 0, null, new DateOnly(2027, 1, 15)), after.Derived);
        Assert.Equal("Funding agreed, contract not yet let.", after.Derived.Reason(_recommendation.RagReason));
        Assert.DoesNotContain(_recommendation.Reference, await RegisterAsync("?overdue=true"), StringComparison.Ordinal);
        Assert.Empty(await DifferencesAsync());
    }

    [Fact]
    public async Task Milestones_added_at_the_same_moment_are_all_counted()
    {
        await GivenAsync();

        var responses = await Task.WhenAll(
            Enumerable.Range(1, 8).Select(i => AddMilestoneAsync($"Late step {i}", new DateOnly(2026, 10, i)))
        );

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(8, (await StoredAsync()).OverdueMilestones);
        Assert.Equal(new DateOnly(2026, 10, 1), (await StoredAsync()).OldestOverdueDue);
        Assert.Empty(await DifferencesAsync());
    }

    [Fact]
    public async Task A_new_day_turns_a_milestone_due_yesterday_red_on_the_first_request_without_the_job()
    {
        await GivenAsync();
        await AddMilestoneAsync("Brief the venue managers", Today.AddDays(1));
        var onTheDay = await RegisterAsync("?rag=red");

        App.Clock.SetUtcNow(ReadinessApp.DefaultNow.AddDays(2));
        var twoDaysLater = await RegisterAsync("?rag=red");
        var stored = await StoredAsync();

        Assert.DoesNotContain(_recommendation.Reference, onTheDay, StringComparison.Ordinal);
        Assert.Contains(_recommendation.Reference, twoDaysLater, StringComparison.Ordinal);
        Assert.Equal(Today.AddDays(2), stored.WorkedOutOn);
        Assert.True(stored.IsOverdue);
        Assert.Empty(await DifferencesAsync(Today.AddDays(2)));
    }

    [Fact]
    public async Task A_changed_review_code_moves_the_register_order_with_it()
    {
        await GivenAsync();

        await App.WithDbAsync(async db =>
        {
            (await db.Reviews.SingleAsync(r => r.Id == _review.Id)).Code = "LHR22";
            await db.SaveChangesAsync();
        });

        Assert.Equal("LHR22", (await StoredAsync()).ReviewCode);
        Assert.Empty(await DifferencesAsync());
    }

    [Fact]
    public async Task The_check_names_a_stored_state_that_differs_from_the_rules_and_a_refresh_mends_it()
    {
        await GivenAsync();
        await AddMilestoneAsync("Sign the barrier contract", new DateOnly(2026, 11, 1));
        await App.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync(
                $"UPDATE recommendation_states SET rag = 'Green', is_overdue = false WHERE recommendation_id = {_recommendation.Id}"
            )
        );

        var found = await DifferencesAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StoredStates>().RefreshAllAsync(Today, CancellationToken.None);
        }

        var difference = Assert.Single(found);
        Assert.StartsWith($"REV {_recommendation.Reference}: stored", difference, StringComparison.Ordinal);
        Assert.Contains("Rag = Green", difference, StringComparison.Ordinal);
        Assert.Contains("Rag = Red", difference, StringComparison.Ordinal);
        Assert.Empty(await DifferencesAsync());
    }

    [Fact]
    public async Task The_reason_in_words_is_worked_out_from_the_same_rule_as_the_stored_state()
    {
        await GivenAsync();
        await AddMilestoneAsync("Sign the barrier contract", new DateOnly(2026, 11, 1));
        await AddMilestoneAsync("Test the barriers", new DateOnly(2026, 10, 3));

        var html = await Client(_lead.Email).GetStringAsync(new Uri($"/recommendations/{_recommendation.Id}", UriKind.Relative));
        var stored = await StoredAsync();

        Assert.Equal("Red because 2 milestones are overdue, the oldest due 3 October 2026.", stored.Derived.Reason(null));
        Assert.Contains(stored.Derived.Reason(null), html, StringComparison.Ordinal);
    }
}
