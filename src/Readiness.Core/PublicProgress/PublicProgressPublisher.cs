using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;

namespace Readiness.Core.PublicProgress;

public sealed record PublishedProgress(DateTimeOffset PublishedAt, PublicProgressData Data);

/// <summary>
/// Builds the public view of progress from recommendations the programme office marked publishable, leaving out anything
/// OFFICIAL-SENSITIVE, and publishes it as a snapshot: the page changes only when the programme office publishes again.
/// Only the reference, title, lead agency, status and expected completion are taken: no names, evidence or updates.
/// </summary>
public sealed class PublicProgressPublisher(ReadinessDbContext db, TimeProvider clock)
{
    public async Task<PublicProgressData> PreviewAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Recommendations.AsNoTracking()
            .Where(r => r.IsPublishable && r.Marking == ProtectiveMarking.Official)
            .OrderBy(r => r.Review!.PublishedOn).ThenBy(r => r.Theme == null ? "" : r.Theme.Name).ThenBy(r => r.Reference)
            .Select(r => new
            {
                Review = r.Review!.Title,
                Theme = r.Theme == null ? "Other recommendations" : r.Theme.Name,
                r.Reference, r.Title, LeadAgency = r.LeadAgency!.Name, r.Response, r.DeliveryStatus, r.CurrentTargetDate,
            })
            .ToListAsync(cancellationToken);
        var themes = rows.GroupBy(r => (r.Review, r.Theme)).Select(g =>
        {
            var items = g.Select(r => new PublicItem(r.Reference, r.Title, r.LeadAgency, PublicStatus(r.Response, r.DeliveryStatus), r.CurrentTargetDate)).ToList();
            return new PublicTheme(g.Key.Review, g.Key.Theme,
                items.Count(i => i.Status == "Not started"), items.Count(i => i.Status == "In progress"), items.Count(i => i.Status == "Complete"),
                items.Count(i => i.Status is not ("Not started" or "In progress" or "Complete")), items);
        }).ToList();
        return new PublicProgressData(themes);
    }

    public async Task<PublishedProgress?> PublishedAsync(CancellationToken cancellationToken)
    {
        var latest = await db.PublicProgressSnapshots.AsNoTracking().OrderByDescending(s => s.PublishedAt)
            .Select(s => new { s.PublishedAt, s.Data }).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : new PublishedProgress(latest.PublishedAt, latest.Data.Deserialize<PublicProgressData>()!);
    }

    public async Task<PublicProgressData> PublishAsync(Guid byUserId, CancellationToken cancellationToken)
    {
        var data = await PreviewAsync(cancellationToken);
        db.PublicProgressSnapshots.Add(new PublicProgressSnapshot { PublishedAt = clock.GetUtcNow(), PublishedByUserId = byUserId, Data = JsonSerializer.SerializeToDocument(data) });
        await db.SaveChangesAsync(cancellationToken);
        return data;
    }

    /// <summary>The words the public reads: Grenfell-style "in progress" and "complete", and the response where delivery has not begun.</summary>
    public static string PublicStatus(ResponseStatus response, DeliveryStatus status) => (response, status) switch
    {
        (ResponseStatus.NotAccepted, _) => "Not accepted",
        (_, DeliveryStatus.Complete) => "Complete",
        (_, DeliveryStatus.Superseded) => "Superseded",
        (_, DeliveryStatus.InProgress or DeliveryStatus.ClosureProposed) => "In progress",
        (ResponseStatus.Pending, _) => "Response awaited",
        _ => "Not started",
    };
}
