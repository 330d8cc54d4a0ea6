using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports;

namespace Readiness.Core.Trends;

/// <summary>Where the programme stood at the end of a month (or on the as-at day, for the last point).</summary>
public sealed record MonthPoint(
    DateOnly Day,
    int Total,
    int Complete,
    int Superseded,
    int Red,
    int Amber,
    int Green,
    int Overdue,
    int OverdueMilestones,
    DateOnly? PlannedEnd = null
)
{
    public int NotAssessed => Total - Superseded - Red - Amber - Green;
}

/// <summary>
/// When the open recommendations will be complete at the recent closure rate (90 days), with a range from the slowest
/// and fastest of the last 30, 90 and 180 days' rates, beside the latest target date the plan holds.
/// </summary>
public sealed record Forecast(int Open, double ClosedPerMonth, DateOnly? Likely, DateOnly? Earliest, DateOnly? Latest, DateOnly? Planned);

public sealed record Band(string Label, int Count);

/// <summary>
/// How long a review's recommendations took to answer: days from publication to each owner's first response (known for
/// those answered since response dates were kept, or found in the audit trail), and how many came by the date set.
/// </summary>
public sealed record ReviewResponseTime(
    string Review,
    DateOnly PublishedOn,
    DateOnly? ResponsesDueOn,
    int Recommendations,
    int Responded,
    int Dated,
    int? MedianDays,
    int? SlowestDays,
    int RespondedByDue
)
{
    public int Pending => Recommendations - Responded;
}

/// <summary>Everything the progress dashboard shows, for one scope and day.</summary>
public sealed record TrendData(
    string ScopeDescription,
    DateOnly AsAt,
    IReadOnlyList<MonthPoint> Months,
    Forecast Forecast,
    IReadOnlyList<Band> OverdueMilestoneAges,
    int ClosedByOriginalTarget,
    int ClosedWithOriginalTarget,
    int? MedianSlippageDays,
    IReadOnlyList<Band> Slippage,
    IReadOnlyList<ReviewResponseTime> ResponseTimes,
    int Withheld
)
{
    public MonthPoint Now => Months[^1];

    /// <summary>Six month ends ago (or the first on record), to show whether the plan's end date has moved since.</summary>
    public MonthPoint? PlanBefore => Months.Count > 1 ? Months[Math.Max(0, Months.Count - 7)] : null;
}

/// <summary>
/// The measures over time, in a fixed handful of queries whatever the programme's size: month-end states from the state
/// history, today's from the same rules the board report uses, so the last point matches the report for the same scope
/// and day.
/// </summary>
public sealed class TrendQuery(ReadinessDbContext db)
{
    public const int MonthsShown = 24;
    private static readonly int[] Windows = [30, 90, 180];

    public async Task<TrendData?> GatherAsync(ReportRequest request, CancellationToken cancellationToken) =>
        await BoardReportQuery.ScopeAsync(db, request, cancellationToken) is var (scope, description, withheld)
            ? await GatherAsync(scope, description, withheld, request.AsAt, cancellationToken)
            : null;

    /// <summary>The measures for a scope already worked out (<see cref="BoardReportQuery.ScopeAsync"/>), as the board report has.</summary>
    public async Task<TrendData> GatherAsync(
        IQueryable<Recommendation> scope,
        string description,
        int withheld,
        DateOnly asAt,
        CancellationToken cancellationToken
    )
    {
        var ids = await scope.Select(r => r.Id).ToListAsync(cancellationToken);
        var monthEnds = Enumerable
            .Range(1, MonthsShown)
            .Select(back => asAt.StartOfMonth().AddMonths(-back + 1).AddDays(-1))
            .Reverse()
            .ToList();
        var past = monthEnds.Concat(Windows.Select(w => asAt.AddDays(-w))).Distinct().ToArray();
        var history = await db
            .Database.SqlQuery<StateCount>(
                $"""
                SELECT m.day AS day, s.status AS status, s.rag AS rag, s.is_overdue AS is_overdue, count(*)::int AS count,
                    sum(s.overdue_milestones)::int AS overdue_milestones, max(s.target_date) AS latest_target
                FROM unnest({past}::date[]) AS m(day)
                JOIN recommendation_state_history s ON s.from_day <= m.day AND (s.to_day IS NULL OR s.to_day > m.day)
                WHERE s.recommendation_id = ANY({ids.ToArray()})
                GROUP BY 1, 2, 3, 4
                """
            )
            .ToListAsync(cancellationToken);
        var now = await scope
            .Assess(asAt)
            .GroupBy(a => new
            {
                a.Recommendation.DeliveryStatus,
                a.Rag,
                a.IsOverdue,
            })
            .Select(g => new
            {
                g.Key.DeliveryStatus,
                g.Key.Rag,
                g.Key.IsOverdue,
                Count = g.Count(),
            })
            .ToListAsync(cancellationToken);
        var overdueMilestoneAges = await OverdueMilestoneAgesAsync(scope, asAt, cancellationToken);
        var today = Point(
            asAt,
            now.Select(n => new StateCount
            {
                Day = asAt,
                Status = n.DeliveryStatus.ToString(),
                Rag = n.Rag?.ToString(),
                IsOverdue = n.IsOverdue,
                Count = n.Count,
            })
        ) with
        {
            OverdueMilestones = overdueMilestoneAges.Sum(b => b.Count),
        };
        var byDay = history.ToLookup(h => h.Day);
        var windows = Windows.ToDictionary(w => w, w => Point(asAt.AddDays(-w), byDay[asAt.AddDays(-w)]));
        var forecast = await ForecastAsync(scope, today, windows, asAt, cancellationToken);
        var months = monthEnds
            .Select(d => Point(d, byDay[d]))
            .SkipWhile(p => p.Total == 0)
            .Append(today with { PlannedEnd = forecast.Planned })
            .ToList();
        var plan = await DeliveryAgainstPlanAsync(scope, cancellationToken);
        return new TrendData(
            description,
            asAt,
            months,
            forecast,
            overdueMilestoneAges,
            plan.ClosedByOriginalTarget,
            plan.ClosedWithOriginalTarget,
            plan.MedianSlippageDays,
            plan.Slippage,
            await ResponseTimesAsync(scope, cancellationToken),
            withheld
        );
    }

    private sealed record DeliveryAgainstPlan(
        int ClosedByOriginalTarget,
        int ClosedWithOriginalTarget,
        int? MedianSlippageDays,
        IReadOnlyList<Band> Slippage
    );

    private static MonthPoint Point(DateOnly day, IEnumerable<StateCount> counts)
    {
        var list = counts.ToList();
        int Count(Func<StateCount, bool> which) => list.Where(which).Sum(c => c.Count);
        return new MonthPoint(
            day,
            Count(_ => true),
            Count(c => c.Status == nameof(DeliveryStatus.Complete)),
            Count(c => c.Status == nameof(DeliveryStatus.Superseded)),
            Count(c => c.Rag == nameof(Rag.Red)),
            Count(c => c.Rag == nameof(Rag.Amber)),
            Count(c => c.Rag == nameof(Rag.Green)),
            Count(c => c.IsOverdue),
            list.Sum(c => c.OverdueMilestones),
            list.Where(c => RecommendationRules.Open(Enum.Parse<DeliveryStatus>(c.Status))).Max(c => c.LatestTarget)
        );
    }

    private static async Task<Forecast> ForecastAsync(
        IQueryable<Recommendation> scope,
        MonthPoint today,
        Dictionary<int, MonthPoint> before,
        DateOnly asAt,
        CancellationToken cancellationToken
    )
    {
        var open = today.Total - today.Complete - today.Superseded;
        var planned = await scope.Where(RecommendationRules.IsOpen).MaxAsync(r => r.CurrentTargetDate, cancellationToken);
        var perDay = before.ToDictionary(b => b.Key, b => Math.Max(0, today.Complete - b.Value.Complete) / (double)b.Key);
        DateOnly? When(double rate) =>
            open == 0 ? asAt
            : rate <= 0 ? null
            : asAt.AddDays((int)Math.Ceiling(open / rate));
        var dates = perDay.Values.Select(When).ToList();
        return new Forecast(
            open,
            Math.Round(perDay[90] * 30.4, 1),
            When(perDay[90]),
            dates.Min(),
            dates.Any(d => d is null) ? null : dates.Max(),
            planned
        );
    }

    private async Task<IReadOnlyList<Band>> OverdueMilestoneAgesAsync(
        IQueryable<Recommendation> scope,
        DateOnly asAt,
        CancellationToken cancellationToken
    )
    {
        var late = await db
            .Milestones.AsNoTracking()
            .Where(m => scope.Any(r => r.Id == m.RecommendationId))
            .Where(RecommendationRules.IsMilestoneLive)
            .Where(RecommendationRules.IsMilestoneOverdue.On(asAt))
            .Select(m => asAt.DayNumber - m.CurrentDueDate.DayNumber)
            .ToListAsync(cancellationToken);
        return
        [
            new("0 to 30 days", late.Count(d => d <= 30)),
            new("31 to 90 days", late.Count(d => d is > 30 and <= 90)),
            new("91 to 180 days", late.Count(d => d is > 90 and <= 180)),
            new("Over 180 days", late.Count(d => d > 180)),
        ];
    }

    /// <summary>How delivery compares with the plan: closed by the original target date, and how far target dates slipped.</summary>
    private static async Task<DeliveryAgainstPlan> DeliveryAgainstPlanAsync(
        IQueryable<Recommendation> scope,
        CancellationToken cancellationToken
    )
    {
        var closed = await scope
            .Where(r => r.DeliveryStatus == DeliveryStatus.Complete && r.OriginalTargetDate != null)
            .Select(r => new
            {
                r.OriginalTargetDate,
                ClosedAt = r.StatusChanges.Where(c => c.ToStatus == DeliveryStatus.Complete).Max(c => (DateTimeOffset?)c.ChangedAt),
            })
            .ToListAsync(cancellationToken);
        var slips = await scope
            .Where(r => r.SlippageDays != null)
            .Select(r => r.SlippageDays!.Value)
            .OrderBy(d => d)
            .ToListAsync(cancellationToken);
        return new DeliveryAgainstPlan(
            closed.Count(c => c.ClosedAt is { } at && LondonTime.DateOf(at) <= c.OriginalTargetDate),
            closed.Count,
            slips.Count == 0 ? null : slips[slips.Count / 2],
            [
                new("Not slipped", slips.Count(d => d <= 0)),
                new("1 to 30 days", slips.Count(d => d is > 0 and <= 30)),
                new("31 to 90 days", slips.Count(d => d is > 30 and <= 90)),
                new("91 to 180 days", slips.Count(d => d is > 90 and <= 180)),
                new("Over 180 days", slips.Count(d => d > 180)),
            ]
        );
    }

    private static async Task<IReadOnlyList<ReviewResponseTime>> ResponseTimesAsync(
        IQueryable<Recommendation> scope,
        CancellationToken cancellationToken
    )
    {
        var reviews = await scope
            .GroupBy(r => new
            {
                r.ReviewId,
                r.Review!.Title,
                r.Review.PublishedOn,
                r.Review.ResponsesDueOn,
            })
            .Select(g => new
            {
                g.Key,
                Count = g.Count(),
                Responded = g.Count(r => r.Response != ResponseStatus.Pending),
                ByDue = g.Count(r => r.RespondedOn != null && r.RespondedOn <= g.Key.ResponsesDueOn),
            })
            .ToListAsync(cancellationToken);
        var days = (
            await scope
                .Where(r => r.Response != ResponseStatus.Pending && r.RespondedOn != null)
                .Select(r => new { r.ReviewId, Days = r.RespondedOn!.Value.DayNumber - r.Review!.PublishedOn.DayNumber })
                .ToListAsync(cancellationToken)
        ).ToLookup(d => d.ReviewId, d => Math.Max(0, d.Days));
        return reviews
            .OrderBy(r => r.Key.PublishedOn)
            .Select(r =>
            {
                var sorted = days[r.Key.ReviewId].Order().ToList();
                return new ReviewResponseTime(
                    r.Key.Title,
                    r.Key.PublishedOn,
                    r.Key.ResponsesDueOn,
                    r.Count,
                    r.Responded,
                    sorted.Count,
                    sorted.Count == 0 ? null : sorted[sorted.Count / 2],
                    sorted.Count == 0 ? null : sorted[^1],
                    r.ByDue
                );
            })
            .ToList();
    }

    /// <summary>A row of the month-end query: how many recommendations were in one state on one day.</summary>
    private sealed class StateCount
    {
        public DateOnly Day { get; init; }
        public string Status { get; init; } = "";
        public string? Rag { get; init; }
        public bool IsOverdue { get; init; }
        public int Count { get; init; }
        public int OverdueMilestones { get; init; }
        public DateOnly? LatestTarget { get; init; }
    }
}
