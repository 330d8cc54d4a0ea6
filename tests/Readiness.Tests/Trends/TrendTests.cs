using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports;
using Readiness.Core.Trends;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Trends;

/// <summary>
/// Every measure against a small history worked out by hand: four recommendations of a review published on 1 January
/// 2026, one that slipped, one closed and reopened, one superseded and one closed ahead of its original target; as at
/// 26 November 2026. Responses were due by 1 March; three were answered after 19, 24 and 73 days and one has no date.
/// </summary>
public sealed class TrendTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly DateOnly AsAt = new(2026, 11, 26);
    private readonly Agency _agency = Build.Agency();
    private Recommendation _slipped = null!;

    private static RecommendationStatusChange Change(Recommendation r, DeliveryStatus from, DeliveryStatus to, int month, int day) =>
        new()
        {
            RecommendationId = r.Id,
            FromStatus = from,
            ToStatus = to,
            ChangedAt = new DateTimeOffset(2026, month, day, 12, 0, 0, TimeSpan.Zero),
        };

    private async Task GivenAsync()
    {
        var review = Build.Review();
        review.PublishedOn = new DateOnly(2026, 1, 1);
        review.ResponsesDueOn = new DateOnly(2026, 3, 1);
        Recommendation Accepted(DeliveryStatus status, DateOnly? original, DateOnly? current, int? answeredAfter)
        {
            var r = Build.Recommendation(review, _agency);
            r.RespondedOn = answeredAfter is { } days ? review.PublishedOn.AddDays(days) : null;
            (r.Response, r.DeliveryStatus, r.OriginalTargetDate, r.CurrentTargetDate) = (
                ResponseStatus.Accepted,
                status,
                original,
                current
            );
            return r;
        }

        var slipped = Accepted(DeliveryStatus.Complete, new DateOnly(2026, 6, 30), new DateOnly(2026, 9, 30), 19);
        slipped.StatusChanges.AddRange([
            Change(slipped, DeliveryStatus.NotStarted, DeliveryStatus.InProgress, 3, 10),
            Change(slipped, DeliveryStatus.InProgress, DeliveryStatus.Complete, 8, 15),
        ]);
        var reopened = Accepted(DeliveryStatus.InProgress, new DateOnly(2027, 3, 31), new DateOnly(2027, 3, 31), 24);
        reopened.StatusChanges.AddRange([
            Change(reopened, DeliveryStatus.NotStarted, DeliveryStatus.InProgress, 2, 1),
            Change(reopened, DeliveryStatus.InProgress, DeliveryStatus.Complete, 5, 20),
            Change(reopened, DeliveryStatus.Complete, DeliveryStatus.InProgress, 7, 1),
        ]);
        var superseded = Accepted(DeliveryStatus.Superseded, null, null, 73);
        superseded.StatusChanges.Add(Change(superseded, DeliveryStatus.NotStarted, DeliveryStatus.Superseded, 4, 5));
        var early = Accepted(DeliveryStatus.Complete, new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 31), null);
        early.StatusChanges.AddRange([
            Change(early, DeliveryStatus.NotStarted, DeliveryStatus.InProgress, 3, 1),
            Change(early, DeliveryStatus.InProgress, DeliveryStatus.Complete, 11, 1),
        ]);
        // Its target moved from 30 June to 30 September on 25 July: overdue by its target from 1 to 24 July only.
        slipped.TargetDateRequests.Add(
            new TargetDateChangeRequest
            {
                RecommendationId = slipped.Id,
                PreviousDate = new DateOnly(2026, 6, 30),
                RequestedDate = new DateOnly(2026, 9, 30),
                Reason = "Supplier delay.",
                RequestedAt = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero),
                State = TargetDateRequestState.Approved,
                DecidedAt = new DateTimeOffset(2026, 7, 25, 9, 0, 0, TimeSpan.Zero),
            }
        );
        _slipped = slipped;
        var late = Build.Milestone(reopened, _agency, new DateOnly(2026, 10, 1));
        // Late from 16 May until done on 20 July; counted at the May and June month ends.
        var doneLate = Build.Milestone(slipped, _agency, new DateOnly(2026, 5, 15));
        doneLate.CompletedOn = new DateOnly(2026, 7, 20);
        // Late while the recommendation stood closed (20 May to 1 July) is not counted; it is again from 1 July.
        var lateWhileClosed = Build.Milestone(reopened, _agency, new DateOnly(2026, 5, 25));
        lateWhileClosed.CompletedOn = new DateOnly(2026, 8, 10);
        await App.SaveAsync(_agency, review, slipped, reopened, superseded, early, late, doneLate, lateWhileClosed);
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StateHistory>().RecordAsync(AsAt, CancellationToken.None);
    }

    private async Task<TrendData> GatherAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (
            await scope
                .ServiceProvider.GetRequiredService<TrendQuery>()
                .GatherAsync(new ReportRequest(ReportScope.Programme, null, AsAt), CancellationToken.None)
        )!;
    }

    [Fact]
    public async Task Month_end_states_come_from_the_rebuilt_history_and_today_from_the_live_rules()
    {
        await GivenAsync();

        var trends = await GatherAsync();

        MonthPoint At(int month) => trends.Months.Single(p => p.Day == new DateOnly(2026, month, DateTime.DaysInMonth(2026, month)));
        Assert.Equal(new DateOnly(2026, 1, 31), trends.Months[0].Day);
        Assert.Equal(AsAt, trends.Now.Day);
        Assert.Equal((4, 0, 0), (At(2).Total, At(2).Complete, At(2).Superseded));
        Assert.Equal((1, 1), (At(5).Complete, At(5).Superseded));
        Assert.Equal(0, At(7).Complete);
        Assert.Equal((1, 1), (At(8).Complete, At(8).Green));
        Assert.Equal((1, 1, 1), (At(10).Complete, At(10).Overdue, At(10).Red));
        Assert.Equal((4, 2, 1, 1, 1), (trends.Now.Total, trends.Now.Complete, trends.Now.Superseded, trends.Now.Overdue, trends.Now.Red));
    }

    [Fact]
    public async Task Overdue_milestones_are_counted_at_each_month_end_only_while_their_recommendation_is_open()
    {
        await GivenAsync();

        var trends = await GatherAsync();

        int At(int month) =>
            trends.Months.Single(p => p.Day == new DateOnly(2026, month, DateTime.DaysInMonth(2026, month))).OverdueMilestones;
        Assert.Equal([0, 0, 0, 1, 1, 1, 0, 0, 1], Enumerable.Range(2, 9).Select(At));
        Assert.Equal(1, trends.Now.OverdueMilestones);
        var overdue = Assert.Single(TrendCharts.For(trends), c => c.Title == "Overdue over time");
        Assert.Equal(
            "1 recommendation and 1 milestone overdue now; the most at a month end was 1 recommendation and 1 milestone.",
            overdue.Summary
        );
    }

    [Fact]
    public async Task A_rebuilt_past_takes_the_target_date_an_approved_change_replaced_and_the_plan_end_is_kept_by_month()
    {
        await GivenAsync();

        var spans = await App.WithDbAsync(db =>
            db.StateSpans.Where(s => s.RecommendationId == _slipped.Id).OrderBy(s => s.FromDay).ToListAsync()
        );
        StateSpan On(int month, int day) => spans.Last(s => s.FromDay <= new DateOnly(2026, month, day));
        var trends = await GatherAsync();

        Assert.Equal((new DateOnly(2026, 6, 30), true, 0), (On(7, 22).TargetDate, On(7, 22).IsOverdue, On(7, 22).OverdueMilestones));
        Assert.Equal((new DateOnly(2026, 9, 30), false), (On(7, 26).TargetDate, On(7, 26).IsOverdue));
        Assert.Equal(_agency.Id, On(7, 26).LeadAgencyId);
        Assert.Equal((new DateOnly(2026, 5, 31), new DateOnly(2026, 12, 31)), (trends.PlanBefore!.Day, trends.PlanBefore.PlannedEnd));
        Assert.Equal(new DateOnly(2027, 3, 31), trends.Now.PlannedEnd);
    }

    [Fact]
    public async Task Time_from_publication_to_response_per_review_with_how_many_came_by_the_date_set()
    {
        await GivenAsync();

        var review = Assert.Single((await GatherAsync()).ResponseTimes);

        Assert.Equal((4, 4, 3, 0), (review.Recommendations, review.Responded, review.Dated, review.Pending));
        Assert.Equal((24, 73), (review.MedianDays, review.SlowestDays));
        Assert.Equal(2, review.RespondedByDue);
    }

    [Fact]
    public async Task The_forecast_uses_the_recent_closure_rate_with_a_range_beside_the_plan()
    {
        await GivenAsync();

        var forecast = (await GatherAsync()).Forecast;

        // One open; one closure in the last 30, 90 and 180 days alike: 30, 90 and 180 days to close the last one.
        Assert.Equal(1, forecast.Open);
        Assert.Equal(new DateOnly(2027, 2, 24), forecast.Likely);
        Assert.Equal(new DateOnly(2026, 12, 26), forecast.Earliest);
        Assert.Equal(new DateOnly(2027, 5, 25), forecast.Latest);
        Assert.Equal(new DateOnly(2027, 3, 31), forecast.Planned);
        Assert.Equal(0.3, forecast.ClosedPerMonth);
    }

    [Fact]
    public async Task Delivery_against_plan_ageing_and_slippage()
    {
        await GivenAsync();

        var trends = await GatherAsync();

        Assert.Equal((1, 2), (trends.ClosedByOriginalTarget, trends.ClosedWithOriginalTarget));
        Assert.Equal([0, 1, 0, 0], trends.OverdueMilestoneAges.Select(b => b.Count));
        Assert.Equal(0, trends.MedianSlippageDays);
        Assert.Equal([2, 0, 0, 1, 0], trends.Slippage.Select(b => b.Count));
    }

    [Fact]
    public async Task The_board_report_draws_the_burn_up_rag_trend_and_ageing_as_tagged_figures_stating_their_numbers()
    {
        await GivenAsync();
        await using var scope = App.Services.CreateAsyncScope();

        var report = (
            await scope
                .ServiceProvider.GetRequiredService<BoardReportService>()
                .GenerateAsync(new ReportRequest(ReportScope.Programme, null, AsAt), CancellationToken.None)
        )!;

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(report.Pdf);
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Progress over time", text, StringComparison.Ordinal);
        Assert.Contains("2 of 4 recommendations complete (50%) on 26 November 2026", text, StringComparison.Ordinal);
        Assert.Contains("1 late 31 to 90 days", text, StringComparison.Ordinal);
        // The agency chart and the three trend charts, each with alternative text.
        using var tagged = Reports.TaggedPdf.Open(report.Pdf);
        var figures = Reports.TaggedPdf.StructureElements(tagged).Where(e => e.Elements.GetName("/S") == "/Figure").ToList();
        Assert.Equal(4, figures.Count);
        Assert.Contains(figures, f => f.Elements.GetString("/Alt").Contains("2 of 4 recommendations complete", StringComparison.Ordinal));
        Assert.Equal(4, report.Data.Trend!.Now.Total);
    }

    [Fact]
    public async Task Recording_again_the_same_day_adds_nothing_and_a_change_starts_a_new_span()
    {
        await GivenAsync();
        var before = await App.WithDbAsync(db => db.StateSpans.CountAsync());
        await using var scope = App.Services.CreateAsyncScope();
        var history = scope.ServiceProvider.GetRequiredService<StateHistory>();

        var again = await history.RecordAsync(AsAt, CancellationToken.None);
        var nextDay = await history.RecordAsync(AsAt.AddDays(1), CancellationToken.None);

        Assert.Equal((0, 0), (again, nextDay));
        Assert.Equal(before, await App.WithDbAsync(db => db.StateSpans.CountAsync()));
        Assert.Equal(4, await App.WithDbAsync(db => db.StateSpans.CountAsync(s => s.ToDay == null)));
    }
}
