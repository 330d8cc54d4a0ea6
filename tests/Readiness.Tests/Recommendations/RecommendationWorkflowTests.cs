using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;

namespace Readiness.Tests.Recommendations;

public sealed class RecommendationWorkflowTests
{
    private static RecommendationState State(
        ResponseStatus response = ResponseStatus.Accepted,
        DeliveryStatus status = DeliveryStatus.InProgress,
        int openMilestones = 0,
        bool pending = false,
        bool evidence = false
    ) => new(response, status, openMilestones, pending, evidence);

    [Theory]
    [InlineData(RecommendationAction.PlanMilestones)]
    [InlineData(RecommendationAction.PostUpdate)]
    [InlineData(RecommendationAction.RequestTargetDate)]
    [InlineData(RecommendationAction.ProposeClosure)]
    public void Delivery_is_tracked_only_once_a_recommendation_is_accepted(RecommendationAction action)
    {
        Assert.Contains(
            "Record the response first",
            RecommendationWorkflow.Obstacle(action, State(ResponseStatus.Pending)),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "Record the response first",
            RecommendationWorkflow.Obstacle(action, State(ResponseStatus.NotAccepted)),
            StringComparison.Ordinal
        );
        Assert.Null(RecommendationWorkflow.Obstacle(action, State(ResponseStatus.AcceptedInPrinciple)));
    }

    [Fact]
    public void Closing_needs_accepted_evidence() =>
        Assert.Contains(
            "accepted evidence",
            RecommendationWorkflow.Obstacle(RecommendationAction.Close, State(evidence: false)),
            StringComparison.Ordinal
        );

    [Fact]
    public void Closure_cannot_be_proposed_while_milestones_are_open() =>
        Assert.Contains(
            "2 still open",
            RecommendationWorkflow.Obstacle(RecommendationAction.ProposeClosure, State(openMilestones: 2)),
            StringComparison.Ordinal
        );

    [Fact]
    public void Only_one_target_date_request_waits_at_a_time() =>
        Assert.NotNull(RecommendationWorkflow.Obstacle(RecommendationAction.RequestTargetDate, State(pending: true)));

    [Theory]
    [InlineData(DeliveryStatus.Complete)]
    [InlineData(DeliveryStatus.Superseded)]
    public void A_closed_recommendation_can_only_be_reopened_edited_assured_or_linked_and_if_delivered_validated(DeliveryStatus status)
    {
        foreach (var action in Enum.GetValues<RecommendationAction>())
        {
            var obstacle = RecommendationWorkflow.Obstacle(action, State(status: status, evidence: true));
            var anyTime =
                action
                is RecommendationAction.Reopen
                    or RecommendationAction.Edit
                    or RecommendationAction.AssureRag
                    or RecommendationAction.LinkAcrossReviews;
            var afterDelivery =
                action is RecommendationAction.AddEvidence or RecommendationAction.ReviewEvidence or RecommendationAction.RecordValidation;
            Assert.True(
                anyTime || (afterDelivery && status == DeliveryStatus.Complete) ? obstacle is null : obstacle is not null,
                $"{action} on a {status} recommendation"
            );
        }
    }

    [Fact]
    public void An_open_recommendation_cannot_be_reopened() =>
        Assert.NotNull(RecommendationWorkflow.Obstacle(RecommendationAction.Reopen, State()));

    [Fact]
    public void Changing_status_keeps_the_history()
    {
        var recommendation = new Recommendation
        {
            Reference = "1",
            Title = "t",
            Text = "t",
        };
        var at = DateTimeOffset.UtcNow;

        recommendation.ChangeStatus(DeliveryStatus.InProgress, null, at);
        recommendation.ChangeStatus(DeliveryStatus.InProgress, null, at);
        recommendation.ChangeStatus(DeliveryStatus.Complete, null, at, "Delivered");

        Assert.Equal(
            [(DeliveryStatus.NotStarted, DeliveryStatus.InProgress), (DeliveryStatus.InProgress, DeliveryStatus.Complete)],
            recommendation.StatusChanges.Select(c => (c.FromStatus, c.ToStatus))
        );
        Assert.Equal("Delivered", recommendation.StatusChanges[^1].Reason);
    }

    [Fact]
    public void Rag_is_derived_where_it_can_be_and_says_why()
    {
        var today = new DateOnly(2026, 11, 26);
        var recommendation = new Recommendation
        {
            Reference = "1",
            Title = "t",
            Text = "t",
            DeliveryStatus = DeliveryStatus.InProgress,
            Rag = Rag.Green,
            RagReason = "On plan",
        };
        Assert.Equal((Rag.Green, "On plan"), RagAssessment.Explain(recommendation, today));

        recommendation.Milestones.Add(new Milestone { Title = "m", CurrentDueDate = today.AddDays(-3) });
        var (rag, reason) = RagAssessment.Explain(recommendation, today);
        Assert.Equal(Rag.Red, rag);
        Assert.Contains("1 milestone is overdue", reason, StringComparison.Ordinal);

        recommendation.Milestones[0].CompletedOn = today;
        recommendation.CurrentTargetDate = today.AddDays(-1);
        Assert.Equal((Rag.Red, "Red because the target date has passed."), RagAssessment.Explain(recommendation, today));

        recommendation.DeliveryStatus = DeliveryStatus.Complete;
        Assert.Equal(Rag.Green, RagAssessment.Explain(recommendation, today).Rag);
    }
}
