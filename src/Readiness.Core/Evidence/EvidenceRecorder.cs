using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Readiness.Core.Data;

namespace Readiness.Core.Evidence;

/// <summary>A checked file ready to keep: its name, content, SHA-256 and the content type its content showed.</summary>
public sealed record CheckedFile(string FileName, Stream Content, string Sha256, string ContentType);

public sealed record EvidenceDetails(
    Guid RecommendationId,
    Guid? MilestoneId,
    string Title,
    string? Description,
    DateOnly EvidenceDate,
    string? LinkUrl,
    DateOnly? ExpiresOn = null
);

/// <summary>Writes evidence metadata and file content in one transaction: all of it is kept, or none.</summary>
public sealed class EvidenceRecorder(ReadinessDbContext db, IEvidenceStore store, TimeProvider clock)
{
    /// <summary>One evidence item per file, or a single item for a link alone.</summary>
    public async Task<IReadOnlyList<EvidenceItem>> AddAsync(
        EvidenceDetails details,
        IReadOnlyList<CheckedFile> files,
        Guid? userId,
        CancellationToken cancellationToken
    )
    {
        var now = clock.GetUtcNow();
        var items = (files.Count == 0 ? [null] : files.Cast<CheckedFile?>())
            .Select(file => new EvidenceItem
            {
                RecommendationId = details.RecommendationId,
                MilestoneId = details.MilestoneId,
                Title = files.Count > 1 ? Shorten($"{details.Title} ({file!.FileName})") : details.Title,
                Description = details.Description,
                EvidenceDate = details.EvidenceDate,
                ExpiresOn = details.ExpiresOn,
                LinkUrl = details.LinkUrl,
                Status = EvidenceStatus.AwaitingReview,
                SubmittedByUserId = userId,
                SubmittedAt = now,
                FileVersions = file is null ? [] : [Version(file, 1, userId, now)],
            })
            .ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.EvidenceItems.AddRange(items);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (item, file) in items.Zip(files))
        {
            await store.SaveAsync(item.FileVersions[0].Id, file.Content, transaction.GetDbTransaction(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return items;
    }

    /// <summary>
    /// Replaces the item's file with a new version; earlier versions stay downloadable and the item goes back for review.
    /// </summary>
    public async Task AddVersionAsync(EvidenceItem item, CheckedFile file, Guid? userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var next =
            await db.EvidenceFileVersions.Where(v => v.EvidenceItemId == item.Id).MaxAsync(v => (int?)v.VersionNumber, cancellationToken)
            ?? 0;
        var version = Version(file, next + 1, userId, now);
        version.EvidenceItemId = item.Id;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.EvidenceFileVersions.Add(version);
        item.Status = EvidenceStatus.AwaitingReview;
        item.SubmittedAt = now;
        item.SubmittedByUserId = userId;
        await db.SaveChangesAsync(cancellationToken);
        await store.SaveAsync(version.Id, file.Content, transaction.GetDbTransaction(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static EvidenceFileVersion Version(CheckedFile file, int number, Guid? userId, DateTimeOffset now) =>
        new()
        {
            VersionNumber = number,
            FileName = file.FileName,
            ContentType = file.ContentType,
            SizeBytes = file.Content.Length,
            Sha256 = file.Sha256,
            UploadedByUserId = userId,
            UploadedAt = now,
        };

    private static string Shorten(string title) => title.Length <= 400 ? title : title[..397] + "...";
}
