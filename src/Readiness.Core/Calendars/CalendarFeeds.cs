using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;

namespace Readiness.Core.Calendars;

public sealed record CalendarFeedStatus(CalendarScope Scope, DateTimeOffset CreatedAt);

/// <summary>Issues, revokes and serves calendar feeds of milestones as iCalendar.</summary>
public sealed class CalendarFeeds(ReadinessDbContext db, TimeProvider clock, IOptions<ReadinessOptions> options)
{
    /// <summary>Milestones due this long ago or later are in a feed; older ones have left people's calendars' concern.</summary>
    private const int DaysOfHistory = 365;

    public async Task<IReadOnlyList<CalendarFeedStatus>> ActiveAsync(Guid userId, CancellationToken cancellationToken) =>
        await db
            .CalendarFeeds.AsNoTracking()
            .Where(f => f.UserId == userId && f.RevokedAt == null)
            .OrderBy(f => f.Scope)
            .Select(f => new CalendarFeedStatus(f.Scope, f.CreatedAt))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// A new secret token for the scope, revoking the one before; the caller shows it once. One transaction holding the
    /// person's row, so a double-clicked "reissue" waits for the first and then replaces it, rather than colliding.
    /// </summary>
    public async Task<string> IssueAsync(Guid userId, CalendarScope scope, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM users WHERE id = {userId} FOR UPDATE", cancellationToken);
        await RevokeAsync(userId, scope, cancellationToken);
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.CalendarFeeds.Add(
            new CalendarFeed
            {
                UserId = userId,
                Scope = scope,
                TokenHash = Hash(token),
                CreatedAt = clock.GetUtcNow(),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    public async Task<bool> RevokeAsync(Guid userId, CalendarScope scope, CancellationToken cancellationToken)
    {
        var active = await db
            .CalendarFeeds.Where(f => f.UserId == userId && f.Scope == scope && f.RevokedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var feed in active)
        {
            feed.RevokedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
        return active.Count > 0;
    }

    /// <summary>The feed's iCalendar text, or null when the token is unknown, revoked, or its person no longer active.</summary>
    public async Task<string?> RenderAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return null;
        }

        var hash = Hash(token);
        var feed = await db
            .CalendarFeeds.AsNoTracking()
            .Where(f => f.TokenHash == hash && f.RevokedAt == null && f.User!.IsActive)
            .Select(f => new
            {
                f.Scope,
                f.UserId,
                f.User!.AgencyId,
                f.User.DisplayName,
                Agency = f.User.Agency == null ? null : f.User.Agency.Name,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (feed is null || (feed.Scope == CalendarScope.Agency && feed.AgencyId is null))
        {
            return null;
        }

        var from = clock.Today().AddDays(-DaysOfHistory);
        var milestones = db
            .Milestones.AsNoTracking()
            .Where(m => m.CurrentDueDate >= from && m.Recommendation!.DeliveryStatus != DeliveryStatus.Superseded);
        milestones =
            feed.Scope == CalendarScope.Mine
                ? milestones.Where(m => m.OwnerUserId == feed.UserId)
                : milestones.Where(m => m.DeliveringAgencyId == feed.AgencyId);
        var items = await milestones
            .OrderBy(m => m.CurrentDueDate)
            .Select(m => new
            {
                m.Id,
                m.Title,
                m.CurrentDueDate,
                m.CompletedOn,
                m.RecommendationId,
                m.Recommendation!.Reference,
                RecommendationTitle = m.Recommendation.Title,
                m.Recommendation.Marking,
            })
            .ToListAsync(cancellationToken);

        var calendar = new Calendar { ProductId = "-//Readiness//Milestones//EN" };
        calendar.AddProperty(
            "X-WR-CALNAME",
            feed.Scope == CalendarScope.Mine ? $"Readiness: {feed.DisplayName}'s milestones" : $"Readiness: {feed.Agency} milestones"
        );
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        foreach (var m in items)
        {
            // Calendars sync to other services: an OFFICIAL-SENSITIVE recommendation's wording stays in Readiness.
            var sensitive = m.Marking == ProtectiveMarking.OfficialSensitive;
            var due = m.CurrentDueDate;
            var title = sensitive
                ? $"Milestone for {m.Reference} (OFFICIAL-SENSITIVE: open Readiness for details)"
                : $"{m.Reference}: {m.Title}";
            calendar.Events.Add(
                new CalendarEvent
                {
                    Uid = $"{m.Id}@readiness",
                    Summary = m.CompletedOn is null ? title : $"Done: {title}",
                    Description = (sensitive ? "" : $"{m.RecommendationTitle}\n") + baseUrl + Links.Recommendation(m.RecommendationId),
                    DtStart = new CalDateTime(due.Year, due.Month, due.Day),
                    DtEnd = new CalDateTime(due.AddDays(1).Year, due.AddDays(1).Month, due.AddDays(1).Day),
                    Url = new Uri(baseUrl + Links.Recommendation(m.RecommendationId)),
                    Transparency = TransparencyType.Transparent,
                }
            );
        }

        return new CalendarSerializer().SerializeToString(calendar);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
