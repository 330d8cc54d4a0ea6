using LinqKit;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Users;

namespace Readiness.Core.Recommendations;

/// <summary>How one recommendation relates to another; read from the other side it has its own words.</summary>
public enum LinkKind
{
    /// <summary>Cannot be delivered until the other is: a dependency, recorded by the owning agency or the programme office.</summary>
    DependsOn,

    /// <summary>An earlier review made the same recommendation: the programme office's judgement, across reviews.</summary>
    Repeats,
    BuildsOn,
    Replaces,
}

/// <summary>A link from a recommendation to another, shown on both.</summary>
public class RecommendationLink : Entity
{
    public Guid RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public LinkKind Kind { get; set; }
    public Guid OtherRecommendationId { get; set; }
    public Recommendation? OtherRecommendation { get; set; }
    public Guid? CreatedByUserId { get; set; }
    public UserAccount? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static IReadOnlyList<LinkKind> AcrossReviews { get; } = [LinkKind.Repeats, LinkKind.BuildsOn, LinkKind.Replaces];

    /// <summary>Who may add or remove a link of this kind: dependencies go with blockers, the rest are links across reviews.</summary>
    public static RecommendationAction ActionToChange(LinkKind kind) =>
        kind == LinkKind.DependsOn ? RecommendationAction.RecordBlocker : RecommendationAction.LinkAcrossReviews;

    /// <summary>The link as read from the recommendation that holds it (<paramref name="outward"/>) or from the other one.</summary>
    public static string Describe(LinkKind kind, bool outward) =>
        (kind, outward) switch
        {
            (LinkKind.DependsOn, true) => "Depends on",
            (LinkKind.DependsOn, false) => "Needed by",
            (LinkKind.Repeats, true) => "Repeats",
            (LinkKind.Repeats, false) => "Repeated by",
            (LinkKind.BuildsOn, true) => "Builds on",
            (LinkKind.BuildsOn, false) => "Built on by",
            (LinkKind.Replaces, true) => "Replaces",
            _ => "Replaced by",
        };
}

/// <summary>A link as one recommendation's page shows it; <c>Title</c> is null when the reader may not read the other one.</summary>
public sealed record LinkedRecommendation(
    Guid LinkId,
    LinkKind Kind,
    bool Outward,
    Guid OtherId,
    string Review,
    string Reference,
    string? Title,
    DeliveryStatus Status
)
{
    public string Relation => RecommendationLink.Describe(Kind, Outward);
}

public static class RecommendationLinks
{
    // Compiled once, with the need-to-know rule expanded into it: the reader's role, agency and grant are parameters.
    private static readonly Func<ReadinessDbContext, Guid, Role, Guid?, bool, IAsyncEnumerable<LinkRow>> Query = EF.CompileAsyncQuery(
        RecommendationRules.Expanded<Func<ReadinessDbContext, Guid, Role, Guid?, bool, IQueryable<LinkRow>>>(
            (db, id, role, agencyId, granted) =>
                db
                    .RecommendationLinks.AsNoTracking()
                    .Where(l => l.RecommendationId == id)
                    .Select(l => new LinkRow
                    {
                        LinkId = l.Id,
                        Kind = l.Kind,
                        Outward = true,
                        OtherId = l.OtherRecommendationId,
                        Review = l.OtherRecommendation!.Review!.Code,
                        Reference = l.OtherRecommendation.Reference,
                        Title = NeedToKnow.Rule.Invoke(l.OtherRecommendation, role, agencyId, granted) ? l.OtherRecommendation.Title : null,
                        Status = l.OtherRecommendation.DeliveryStatus,
                    })
                    .Concat(
                        db.RecommendationLinks.AsNoTracking()
                            .Where(l => l.OtherRecommendationId == id)
                            .Select(l => new LinkRow
                            {
                                LinkId = l.Id,
                                Kind = l.Kind,
                                Outward = false,
                                OtherId = l.RecommendationId,
                                Review = l.Recommendation!.Review!.Code,
                                Reference = l.Recommendation.Reference,
                                Title = NeedToKnow.Rule.Invoke(l.Recommendation, role, agencyId, granted) ? l.Recommendation.Title : null,
                                Status = l.Recommendation.DeliveryStatus,
                            })
                    )
        )
    );

    /// <summary>Every link to or from a recommendation, dependencies first, in one query (each way, joined by UNION ALL).</summary>
    public static async Task<IReadOnlyList<LinkedRecommendation>> ForAsync(
        ReadinessDbContext db,
        Guid id,
        Reader reader,
        CancellationToken cancellationToken
    )
    {
        var rows = await Query(db, id, reader.Role, reader.AgencyId, reader.HasSensitiveAccess).ToListAsync(cancellationToken);
        return rows.Select(l => new LinkedRecommendation(l.LinkId, l.Kind, l.Outward, l.OtherId, l.Review, l.Reference, l.Title, l.Status))
            .OrderBy(l => l.Kind)
            .ThenBy(l => !l.Outward)
            .ThenBy(l => l.Review, StringComparer.Ordinal)
            .ThenBy(l => l.Reference, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A row of the query (EF Core joins set operations of member initialisers, not of constructor calls).</summary>
    private sealed class LinkRow
    {
        public Guid LinkId { get; init; }
        public LinkKind Kind { get; init; }
        public bool Outward { get; init; }
        public Guid OtherId { get; init; }
        public required string Review { get; init; }
        public required string Reference { get; init; }
        public string? Title { get; init; }
        public DeliveryStatus Status { get; init; }
    }
}
