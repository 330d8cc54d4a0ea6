using LinqKit;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;

namespace Readiness.Core.Recommendations;

/// <summary>An existing recommendation like one being written; <c>Title</c> is null when the reader may not read it.</summary>
public sealed record SimilarRecommendation(Guid Id, string Review, string Reference, string? Title, double Similarity);

/// <summary>
/// Finds recommendations whose titles are like a given one (PostgreSQL <c>pg_trgm</c> trigram similarity on the title),
/// so a review that repeats an earlier one's recommendation is caught when it is added or imported.
/// </summary>
public sealed class SimilarRecommendations(ReadinessDbContext db)
{
    /// <summary>
    /// Trigram similarity at or above which titles are suggested. Measured on near-duplicate and unrelated pairs (see
    /// <c>SimilarRecommendationsTests</c>): rewordings of the same recommendation scored 0.54 to 0.90, different ones 0.03 to 0.30.
    /// </summary>
    public const double Threshold = 0.4;

    public async Task<IReadOnlyList<SimilarRecommendation>> FindAsync(
        string title,
        Reader reader,
        Guid? except = null,
        int limit = 5,
        CancellationToken cancellationToken = default
    )
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return [];
        }

        var text = title.Trim();
        var mayRead = NeedToKnow.MayRead(reader);
        var found = await db
            .Recommendations.AsNoTracking()
            .AsExpandable()
            .Where(r => r.Id != except)
            // The % operator (similarity of 0.3 or more, PostgreSQL's default) lets the trigram index narrow the search first.
            .Where(r => EF.Functions.TrigramsAreSimilar(r.Title, text))
            .Select(r => new
            {
                r.Id,
                Review = r.Review!.Code,
                r.Reference,
                r.Title,
                Readable = mayRead.Invoke(r),
                Similarity = EF.Functions.TrigramsSimilarity(r.Title, text),
            })
            .Where(r => r.Similarity >= Threshold)
            .OrderByDescending(r => r.Similarity)
            .ThenBy(r => r.Reference)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return found
            .Select(r => new SimilarRecommendation(r.Id, r.Review, r.Reference, r.Readable ? r.Title : null, r.Similarity))
            .ToList();
    }

    /// <summary>
    /// For each title (an import's new rows), the existing recommendations most like it: one statement for all titles
    /// (a lateral join per title on the trigram index), then one to read them as <paramref name="reader"/> may.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<SimilarRecommendation>>> FindForEachAsync(
        IReadOnlyList<string> titles,
        Reader reader,
        int limit = 3,
        CancellationToken cancellationToken = default
    )
    {
        var texts = titles.Select(t => t.Trim()).ToArray();
        if (texts.Length == 0)
        {
            return [];
        }

        var matches = await db
            .Database.SqlQuery<TitleMatch>(
                $"""
                SELECT t.ord::int - 1 AS index, m.id AS id, m.score::float8 AS similarity
                FROM unnest({texts}::text[]) WITH ORDINALITY AS t(title, ord)
                CROSS JOIN LATERAL (
                    SELECT r.id, similarity(r.title, t.title) AS score
                    FROM recommendations r
                    WHERE r.title % t.title
                    ORDER BY score DESC, r.reference
                    LIMIT {limit}
                ) m
                WHERE m.score >= {Threshold}
                """
            )
            .ToListAsync(cancellationToken);
        var ids = matches.Select(m => m.Id).Distinct().ToList();
        var mayRead = NeedToKnow.MayRead(reader);
        var found = await db
            .Recommendations.AsNoTracking()
            .AsExpandable()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id,
                Review = r.Review!.Code,
                r.Reference,
                Title = mayRead.Invoke(r) ? r.Title : null,
            })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var byTitle = matches.ToLookup(m => m.Index);
        return texts
            .Select(
                (_, index) =>
                    (IReadOnlyList<SimilarRecommendation>)
                        byTitle[index]
                            .OrderByDescending(m => m.Similarity)
                            .Select(m =>
                            {
                                var r = found[m.Id];
                                return new SimilarRecommendation(r.Id, r.Review, r.Reference, r.Title, m.Similarity);
                            })
                            .ToList()
            )
            .ToList();
    }

    /// <summary>A row of the batch similarity query.</summary>
    private sealed class TitleMatch
    {
        public int Index { get; init; }
        public Guid Id { get; init; }
        public double Similarity { get; init; }
    }
}
