using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;
using Readiness.Web.Features.Recommendations;

namespace Readiness.Tests.Recommendations;

/// <summary>
/// The recommendation page works out the workflow state from what it has already read
/// (<see cref="RecommendationGate.StateOfLoadedAsync"/>) to choose its buttons; every action is checked against the
/// gate's own query (<see cref="RecommendationGate.StateAsync"/>). The two must agree.
/// </summary>
public sealed class RecommendationPageStateTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_page_reads_the_same_workflow_state_as_the_gate_that_checks_every_action()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var lead = Build.User(Role.AgencyLead, agency);
        var now = App.Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var fresh = Build.Recommendation(review, agency);
        var delivering = Accepted(Build.Recommendation(review, agency));
        delivering.Milestones.Add(Build.Milestone(delivering, agency, today.AddDays(30)));
        delivering.Milestones.Add(Build.Milestone(delivering, agency, today.AddDays(-30), completed: today.AddDays(-31)));
        delivering.CurrentTargetDate = today.AddDays(60);
        delivering.SetOrRequestTargetDate(today.AddDays(90), "Supplier delay", lead.Id, now);
        var proposed = Accepted(Build.Recommendation(review, agency));
        proposed.Milestones.Add(Build.Milestone(proposed, agency, today.AddDays(-10), completed: today.AddDays(-12)));
        proposed.ChangeStatus(DeliveryStatus.ClosureProposed, lead.Id, now);
        await App.SaveAsync(
            agency,
            review,
            lead,
            fresh,
            delivering,
            proposed,
            Evidence(delivering, EvidenceStatus.SentBack),
            Evidence(proposed, EvidenceStatus.Accepted)
        );

        await using var scope = App.Services.CreateAsyncScope();
        var gate = scope.ServiceProvider.GetRequiredService<RecommendationGate>();
        var db = scope.ServiceProvider.GetRequiredService<ReadinessDbContext>();
        var states = new List<(RecommendationState Gate, RecommendationState Page)>();
        foreach (var id in new[] { fresh.Id, delivering.Id, proposed.Id })
        {
            var loaded = await db
                .Recommendations.AsNoTracking()
                .Include(r => r.Milestones)
                .Include(r => r.TargetDateRequests)
                .SingleAsync(r => r.Id == id);
            var accepted = await db.EvidenceItems.AnyAsync(e => e.RecommendationId == id && e.Status == EvidenceStatus.Accepted);
            states.Add(
                (
                    await gate.StateAsync(loaded, CancellationToken.None),
                    await gate.StateOfLoadedAsync(loaded, accepted, CancellationToken.None)
                )
            );
        }

        Assert.All(states, s => Assert.Equal(s.Gate, s.Page));
        Assert.Equal(
            [
                new RecommendationState(ResponseStatus.Pending, DeliveryStatus.NotStarted, 0, false, false),
                new RecommendationState(ResponseStatus.Accepted, DeliveryStatus.InProgress, 1, true, false),
                new RecommendationState(ResponseStatus.Accepted, DeliveryStatus.ClosureProposed, 0, false, true, lead.Id),
            ],
            states.Select(s => s.Page)
        );
    }

    private static Recommendation Accepted(Recommendation recommendation)
    {
        recommendation.Response = ResponseStatus.Accepted;
        recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        return recommendation;
    }

    private static EvidenceItem Evidence(Recommendation recommendation, EvidenceStatus status) =>
        new()
        {
            RecommendationId = recommendation.Id,
            Title = $"Evidence for {recommendation.Reference}",
            EvidenceDate = new DateOnly(2026, 11, 1),
            LinkUrl = "https://example.org/evidence",
            Status = status,
        };
}
