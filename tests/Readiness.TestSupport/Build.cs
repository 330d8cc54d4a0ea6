using Readiness.Core.Agencies;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Reviews;
using Readiness.Core.Users;

namespace Readiness.TestSupport;

/// <summary>Small builders for test data: each call makes new objects with unique codes; nothing is shared between tests.</summary>
public static class Build
{
    private static int _sequence;

    private static int Next() => Interlocked.Increment(ref _sequence);

    public static Agency Agency(string? code = null, Guid? tenantId = null)
    {
        var n = Next();
        code ??= $"AG{n}";
        return new Agency
        {
            Code = code,
            Name = $"Agency {code}",
            EntraTenantId = tenantId,
        };
    }

    public static UserAccount User(Role role, Agency? agency = null, string? email = null)
    {
        var n = Next();
        return new UserAccount
        {
            Email = email ?? $"{role.ToString().ToLowerInvariant()}{n}@test.example",
            DisplayName = $"{role} {n}",
            Role = role,
            AgencyId = agency?.Id,
            IsDemonstrationUser = true,
        };
    }

    public static Review Review(string? code = null)
    {
        var n = Next();
        var review = new Review
        {
            Code = code ?? $"R{n}",
            Title = $"Review {n}",
            PublishedOn = new DateOnly(2022, 3, 1),
        };
        review.Themes.Add(new Theme { ReviewId = review.Id, Name = $"Theme {n}" });
        return review;
    }

    public static Recommendation Recommendation(Review review, Agency lead, params Agency[] supporting)
    {
        var n = Next();
        var recommendation = new Recommendation
        {
            ReviewId = review.Id,
            ThemeId = review.Themes.FirstOrDefault()?.Id,
            Reference = $"T-{n:D4}",
            Title = $"Recommendation {n}",
            Text = $"Text of recommendation {n}.",
            LeadAgencyId = lead.Id,
        };
        recommendation.SupportingAgencies.AddRange(
            supporting.Select(a => new SupportingAgency { RecommendationId = recommendation.Id, AgencyId = a.Id })
        );
        return recommendation;
    }

    /// <summary>
    /// One progress update a month from <paramref name="firstMonth"/>, oldest first, narrated "<paramref name="narrative"/>
    /// 01." and so on: a recommendation's long history.
    /// </summary>
    public static object[] MonthlyUpdates(Guid recommendationId, int count, string narrative, DateOnly firstMonth, Guid? author = null) =>
        Enumerable
            .Range(1, count)
            .Select(i => new ProgressUpdate
            {
                RecommendationId = recommendationId,
                Narrative = $"{narrative} {i:D2}.",
                DeliveryStatus = DeliveryStatus.InProgress,
                Rag = Rag.Green,
                AuthorUserId = author,
                ReportingPeriod = firstMonth.AddMonths(i - 1),
                PostedAt = new DateTimeOffset(firstMonth.AddMonths(i - 1).AddDays(14).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero),
            })
            .ToArray<object>();

    public static Milestone Milestone(Recommendation recommendation, Agency agency, DateOnly due, DateOnly? completed = null) =>
        new()
        {
            RecommendationId = recommendation.Id,
            DeliveringAgencyId = agency.Id,
            Title = $"Milestone {Next()}",
            OriginalDueDate = due,
            CurrentDueDate = due,
            CompletedOn = completed,
        };
}
