using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;

namespace Readiness.Core.PublicProgress;

/// <summary>The published page as it may be shown now; <c>Withdrawn</c> lists what was published but is no longer publishable.</summary>
public sealed record PublishedProgress(DateTimeOffset PublishedAt, PublicProgressData Data, IReadOnlyList<string> Withdrawn);

/// <summary>
/// Builds the public view of progress from recommendations the programme office marked publishable, leaving out anything
/// OFFICIAL-SENSITIVE, and publishes it as a snapshot: the page changes only when the programme office publishes again.
/// Only the reference, title, lead agency, status and expected completion are taken: no names, evidence or updates.
/// </summary>
public sealed class PublicProgressPublisher(ReadinessDbContext db, TimeProvider clock)
{
    public async Task<PublicProgressData> PreviewAsync(CancellationToken cancellationToken)
    {
        var rows = await db
            .Recommendations.AsNoTracking()
            .Where(RecommendationRules.IsPublishable)
            .OrderBy(r => r.Review!.PublishedOn)
            .ThenBy(r => r.Theme == null ? "" : r.Theme.Name)
            .ThenBy(r => r.Reference)
            .Select(r => new
            {
                Review = r.Review!.Title,
                Theme = r.Theme == null ? "Other recommendations" : r.Theme.Name,
                r.Id,
                r.Reference,
                r.Title,
                LeadAgency = r.LeadAgency!.Name,
                r.Response,
                r.DeliveryStatus,
                r.CurrentTargetDate,
            })
            .ToListAsync(cancellationToken);
        var themes = rows.GroupBy(r => (r.Review, r.Theme))
            .Select(g =>
                PublicTheme.Of(
                    g.Key.Review,
                    g.Key.Theme,
                    g.Select(r =>
                        {
                            var stage = Stage(r.Response, r.DeliveryStatus);
                            return new PublicItem(r.Reference, r.Title, r.LeadAgency, Describe(stage), r.CurrentTargetDate, r.Id, stage);
                        })
                        .ToList()
                )
            )
            .ToList();
        return new PublicProgressData(themes);
    }

    public async Task<PublishedProgress?> PublishedAsync(CancellationToken cancellationToken)
    {
        var latest = await db
            .PublicProgressSnapshots.AsNoTracking()
            .OrderByDescending(s => s.PublishedAt)
            .Select(s => new { s.PublishedAt, s.Data })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        // Read against today's marking and flag: a recommendation re-marked OFFICIAL-SENSITIVE or unpublished leaves the page at once.
        var published = latest.Data.Deserialize<PublicProgressData>()!;
        var ids = published.Themes.SelectMany(t => t.Items).Select(i => i.RecommendationId).OfType<Guid>().ToList();
        var stillPublishable = (
            await db
                .Recommendations.AsNoTracking()
                .Where(r => ids.Contains(r.Id))
                .Where(RecommendationRules.IsPublishable)
                .Select(r => r.Id)
                .ToListAsync(cancellationToken)
        ).ToHashSet();
        bool Keep(PublicItem item) => item.RecommendationId is { } id && stillPublishable.Contains(id);
        var withdrawn = published
            .Themes.SelectMany(t => t.Items)
            .Where(i => !Keep(i))
            .Select(i => i.Reference)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new PublishedProgress(latest.PublishedAt, published.Keeping(Keep), withdrawn);
    }

    public async Task<PublicProgressData> PublishAsync(Guid byUserId, CancellationToken cancellationToken)
    {
        var data = await PreviewAsync(cancellationToken);
        db.PublicProgressSnapshots.Add(
            new PublicProgressSnapshot
            {
                PublishedAt = clock.GetUtcNow(),
                PublishedByUserId = byUserId,
                Data = JsonSerializer.SerializeToDocument(data),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return data;
    }

    /// <summary>
    /// What the public reads: Grenfell-style "in progress" and "complete", and the response where delivery has not begun.
    /// </summary>
    public static PublicStage Stage(ResponseStatus response, DeliveryStatus status) =>
        (response, status) switch
        {
            (ResponseStatus.NotAccepted, _) => PublicStage.NotAccepted,
            (_, DeliveryStatus.Complete) => PublicStage.Complete,
            (_, DeliveryStatus.Superseded) => PublicStage.Superseded,
            (_, DeliveryStatus.InProgress or DeliveryStatus.ClosureProposed) => PublicStage.InProgress,
            (ResponseStatus.Pending, _) => PublicStage.ResponseAwaited,
            _ => PublicStage.NotStarted,
        };

    public static string Describe(PublicStage stage) =>
        stage switch
        {
            PublicStage.NotAccepted => "Not accepted",
            PublicStage.Complete => "Complete",
            PublicStage.Superseded => "Superseded",
            PublicStage.InProgress => "In progress",
            PublicStage.ResponseAwaited => "Response awaited",
            _ => "Not started",
        };
}
