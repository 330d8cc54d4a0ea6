using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Recommendations;

/// <summary>The choices in the register's filter form.</summary>
public sealed record RegisterOptions(
    IReadOnlyList<Choice> Reviews,
    IReadOnlyList<Choice> Themes,
    IReadOnlyList<Choice> Agencies,
    IReadOnlyList<Choice> Owners
)
{
    public static IReadOnlyList<Choice> Statuses { get; } =
    [new("", "Any status"), .. Enum.GetValues<DeliveryStatus>().Select(s => new Choice(Slugs.Of(s), Vocabulary.Describe(s)))];

    public static IReadOnlyList<Choice> Rags { get; } =
    [new("", "Any RAG"), .. new[] { Rag.Red, Rag.Amber, Rag.Green }.Select(r => new Choice(Slugs.Of(r), Vocabulary.Describe(r)))];

    /// <summary>
    /// The filter choices change only when the programme office edits reviews, agencies or owners, so each instance keeps
    /// them for half a minute rather than querying them on every page.
    /// </summary>
    public static Task<RegisterOptions> LoadAsync(
        ReadinessDbContext db,
        IMemoryCache cache,
        TimeSpan keepFor,
        RegisterFilter filter,
        CancellationToken cancellationToken
    ) => cache.GetOrQueryAsync($"register-options:{filter.Review}", keepFor, () => QueryAsync(db, filter, cancellationToken));

    /// <summary>Every review by its code, oldest first: for any form that picks a review.</summary>
    public static Task<List<Choice>> ReviewChoicesAsync(ReadinessDbContext db, CancellationToken cancellationToken) =>
        db.Reviews.AsNoTracking().OrderBy(r => r.PublishedOn).Select(r => new Choice(r.Code, r.Title, null)).ToListAsync(cancellationToken);

    /// <summary>Every agency by its code, by name: for any form that picks an agency.</summary>
    public static Task<List<Choice>> AgencyChoicesAsync(ReadinessDbContext db, CancellationToken cancellationToken) =>
        db.Agencies.AsNoTracking().OrderBy(a => a.Name).Select(a => new Choice(a.Code, a.Name, null)).ToListAsync(cancellationToken);

    private static async Task<RegisterOptions> QueryAsync(ReadinessDbContext db, RegisterFilter filter, CancellationToken cancellationToken)
    {
        var reviews = await ReviewChoicesAsync(db, cancellationToken);
        var themes = await db
            .Themes.AsNoTracking()
            .Where(t => filter.Review == null || t.Review!.Code == filter.Review)
            .OrderBy(t => t.Review!.PublishedOn)
            .ThenBy(t => t.Name)
            .Select(t => new Choice(t.Id.ToString(), t.Name, null))
            .ToListAsync(cancellationToken);
        var agencies = await AgencyChoicesAsync(db, cancellationToken);
        // Only people who own a recommendation: filtering by anyone else finds nothing.
        var owners = await db
            .Users.AsNoTracking()
            .Where(u => db.Recommendations.Any(r => r.OwnerUserId == u.Id))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id.ToString(), u.DisplayName, null))
            .ToListAsync(cancellationToken);
        return new RegisterOptions(
            [new("", "Any review"), .. reviews],
            [new("", "Any theme"), .. themes],
            [new("", "Any lead agency"), .. agencies],
            [new("", "Anyone"), .. owners]
        );
    }
}
