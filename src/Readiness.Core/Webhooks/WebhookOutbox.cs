using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Auditing;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;

namespace Readiness.Core.Webhooks;

public sealed record WebhookRunSummary(int Queued, int Delivered, int Failed);

/// <summary>
/// Queues an event for each subscribed endpoint (a key already queued is skipped, whoever queued it) and sends what is
/// due, as the email outbox does: rows claimed with FOR UPDATE SKIP LOCKED and a lease, so two instances never send
/// the same delivery; a failure is retried with the same backoff and given up after <see cref="MaxAttempts"/>.
/// Events come from the change feed (status or RAG changed, evidence decided), from the milestones overdue today and
/// from the reports issued, each only after the endpoint was registered.
/// </summary>
public sealed class WebhookOutbox(
    ReadinessDbContext db,
    ChangeFeed feed,
    IDataProtectionProvider protection,
    IHttpClientFactory http,
    IOptions<ReadinessOptions> app,
    TimeProvider clock,
    ILogger<WebhookOutbox> logger
)
{
    public const string HttpClientName = "webhooks";
    public const int MaxAttempts = 10;
    private const int Batch = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IDataProtector Protector => protection.CreateProtector("Readiness.Webhooks.Secret");

    public async Task<WebhookRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        var queued = await EnqueueAsync(cancellationToken);
        var (delivered, failed) = await SendDueAsync(cancellationToken);
        logger.LogInformation("Webhooks: {Queued} queued, {Delivered} delivered, {Failed} failed.", queued, delivered, failed);
        return new WebhookRunSummary(queued, delivered, failed);
    }

    private sealed record Event(string Key, WebhookEvents Kind, DateTimeOffset OccurredAt, Guid? RecommendationId, object Body)
    {
        public string Type => WebhookEventNames.Type(Kind);
    }

    public async Task<int> EnqueueAsync(CancellationToken cancellationToken)
    {
        // The end is read before the endpoints: a change made after an endpoint registered lies beyond it.
        var end = await feed.EndAsync(cancellationToken);
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive).ToListAsync(cancellationToken);
        var events = await ChangesAsync(endpoints.Count > 0 ? null : end, cancellationToken);
        if (endpoints.Count == 0)
        {
            return 0;
        }

        var since = endpoints.Min(e => e.CreatedAt);
        events.AddRange(await OverdueMilestonesAsync(LondonTime.DateOf(since), cancellationToken));
        events.AddRange(await IssuedReportsAsync(since, cancellationToken));
        // Overdue milestones and issued reports are found again on every run: only what is not yet queued goes on.
        var pairs = events
            .SelectMany(
                e => endpoints.Where(p => p.Events.HasFlag(e.Kind) && e.OccurredAt >= p.CreatedAt),
                (e, p) => (Event: e, Key: $"{e.Key}:{p.Id}", p.Id)
            )
            .ToList();
        var keys = pairs.Select(p => p.Key).ToList();
        var already = (
            await db.WebhookDeliveries.Where(d => keys.Contains(d.Key)).Select(d => d.Key).ToListAsync(cancellationToken)
        ).ToHashSet();
        var fresh = pairs.Where(p => !already.Contains(p.Key)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var references = await ReferencesAsync(fresh.Select(p => p.Event), cancellationToken);
        var payloads = fresh
            .Select(p =>
                JsonSerializer.Serialize(
                    new
                    {
                        id = p.Event.Key,
                        type = p.Event.Type,
                        occurredAt = p.Event.OccurredAt,
                        recommendation = p.Event.RecommendationId is { } id && references.TryGetValue(id, out var r) ? r : null,
                        data = p.Event.Body,
                    },
                    Json
                )
            )
            .ToArray();
        var now = clock.GetUtcNow();
        return await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO webhook_deliveries (id, key, endpoint_id, event_type, payload, state, attempts, created_at, next_attempt_at)
            SELECT id, key, endpoint_id, event_type, payload, 'Pending', 0, {now}, {now}
            FROM unnest({fresh.Select(_ => Guid.CreateVersion7()).ToArray()}, {fresh.Select(p => p.Key).ToArray()},
                {fresh.Select(p => p.Id).ToArray()}, {fresh.Select(p => p.Event.Type).ToArray()}, {payloads})
                AS f(id, key, endpoint_id, event_type, payload)
            ON CONFLICT (key) DO NOTHING
            """,
            cancellationToken
        );
    }

    /// <summary>
    /// Status or RAG changes and evidence decisions since the stored position in the change feed, which then moves on;
    /// with no endpoint to tell, the position moves straight to the end (nothing before an endpoint is sent to it).
    /// </summary>
    private async Task<List<Event>> ChangesAsync(string? skipTo, CancellationToken cancellationToken)
    {
        // Two instances may start at once: the row is made once, and a position written back a little behind only
        // reads changes again whose deliveries are already queued.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO webhook_feed_positions (id, cursor) VALUES (1, '') ON CONFLICT DO NOTHING",
            cancellationToken
        );
        var position = await db.WebhookFeedPositions.SingleAsync(cancellationToken);

        var events = new List<Event>();
        if (skipTo is not null)
        {
            position.Cursor = skipTo;
            await db.SaveChangesAsync(cancellationToken);
            return events;
        }

        bool more;
        do
        {
            (var changes, more) = await feed.PageAsync(position.Cursor, 500, cancellationToken);
            foreach (var change in changes)
            {
                if (change is { Entity: nameof(Recommendation), Action: "Modified" })
                {
                    var changed = change.Fields.Intersect([nameof(Recommendation.DeliveryStatus), nameof(Recommendation.Rag)]).ToList();
                    if (changed.Count > 0)
                    {
                        events.Add(
                            new Event(
                                $"change:{change.Cursor}",
                                WebhookEvents.RecommendationChanged,
                                change.ChangedAt,
                                change.RecommendationId,
                                new { changed }
                            )
                        );
                    }
                }
                else if (
                    change is { Entity: nameof(Evidence.EvidenceItem), Action: "Modified" }
                    && change.Fields.Contains(nameof(Evidence.EvidenceItem.Status))
                )
                {
                    events.Add(
                        new Event(
                            $"change:{change.Cursor}",
                            WebhookEvents.EvidenceDecided,
                            change.ChangedAt,
                            change.RecommendationId,
                            new { evidenceId = change.EntityId }
                        )
                    );
                }
            }

            position.Cursor = changes.Count > 0 ? changes[^1].Cursor : position.Cursor;
        } while (more);

        await db.SaveChangesAsync(cancellationToken);
        return events;
    }

    private async Task<IEnumerable<Event>> OverdueMilestonesAsync(DateOnly since, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var late = await db
            .Milestones.AsNoTracking()
            .Where(RecommendationRules.IsMilestoneLive)
            .Where(RecommendationRules.IsMilestoneOverdue.On(today))
            .Where(m => m.CurrentDueDate >= since)
            .Select(m => new
            {
                m.Id,
                m.RecommendationId,
                m.CurrentDueDate,
            })
            .ToListAsync(cancellationToken);
        return late.Select(m => new Event(
            $"milestone-overdue:{m.Id}:{m.CurrentDueDate:yyyy-MM-dd}",
            WebhookEvents.MilestoneOverdue,
            new DateTimeOffset(m.CurrentDueDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            m.RecommendationId,
            new { milestoneId = m.Id, dueDate = m.CurrentDueDate }
        ));
    }

    private async Task<IEnumerable<Event>> IssuedReportsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var reports = await db
            .BoardReportSnapshots.AsNoTracking()
            .Where(s => s.IssuedAt >= since)
            .Select(s => new
            {
                s.Id,
                s.Scope,
                s.ScopeCode,
                s.AsAt,
                s.IssuedAt,
            })
            .ToListAsync(cancellationToken);
        return reports.Select(s => new Event(
            $"report:{s.Id}",
            WebhookEvents.ReportIssued,
            s.IssuedAt,
            null,
            new
            {
                reportId = s.Id,
                scope = s.Scope,
                scopeCode = s.ScopeCode,
                asAt = s.AsAt,
                link = Base + Links.IssuedReport(s.Id),
            }
        ));
    }

    private string Base => app.Value.PublicBaseUrl.TrimEnd('/');

    /// <summary>What a delivery says about a recommendation: its reference, review, marking and link; never its wording.</summary>
    private async Task<Dictionary<Guid, object>> ReferencesAsync(IEnumerable<Event> events, CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.RecommendationId).OfType<Guid>().Distinct().ToList();
        var rows = await db
            .Recommendations.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new
            {
                r.Id,
                r.Reference,
                Review = r.Review!.Code,
                r.Marking,
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Id,
            r =>
                (object)
                    new
                    {
                        id = r.Id,
                        reference = r.Reference,
                        review = r.Review,
                        marking = Vocabulary.Describe(r.Marking),
                        link = Base + Links.Recommendation(r.Id),
                    }
        );
    }

    public async Task<(int Delivered, int Failed)> SendDueAsync(CancellationToken cancellationToken)
    {
        var (delivered, failed) = (0, 0);
        while (await ClaimAsync(cancellationToken) is { Count: > 0 } claimed)
        {
            foreach (var delivery in claimed)
            {
                if (await SendAsync(delivery, cancellationToken))
                {
                    delivered++;
                }
                else
                {
                    failed++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return (delivered, failed);
    }

    private async Task<List<WebhookDelivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ids = await OutboxClaim.ClaimAsync(db, Outbox.WebhookDeliveries, now, Lease, Batch, cancellationToken);
        db.ChangeTracker.Clear();
        return await db.WebhookDeliveries.Include(d => d.Endpoint).Where(d => ids.Contains(d.Id)).ToListAsync(cancellationToken);
    }

    private async Task<bool> SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        delivery.LeaseUntil = null;
        if (delivery.Endpoint is not { IsActive: true } endpoint)
        {
            (delivery.State, delivery.LastError) = (WebhookDeliveryState.GaveUp, "The endpoint was switched off.");
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Readiness-Event-Id", delivery.Key[..delivery.Key.LastIndexOf(':')]);
        request.Headers.Add("Readiness-Event-Type", delivery.EventType);
        request.Headers.Add(
            WebhookSignature.Header,
            WebhookSignature.Sign(Protector.Unprotect(endpoint.ProtectedSecret), now.ToUnixTimeSeconds(), delivery.Payload)
        );
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            delivery.LastStatusCode = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                (delivery.State, delivery.DeliveredAt, delivery.LastError) = (WebhookDeliveryState.Delivered, now, null);
                return true;
            }

            delivery.LastError = $"The endpoint answered {(int)response.StatusCode}.";
        }
        catch (Exception exception)
            when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            (delivery.LastStatusCode, delivery.LastError) = (null, exception.Message);
        }

        delivery.State = delivery.Attempts >= MaxAttempts ? WebhookDeliveryState.GaveUp : WebhookDeliveryState.Failed;
        delivery.NextAttemptAt = now + NotificationOutbox.Backoff(delivery.Attempts);
        return false;
    }
}

/// <summary>Where the webhook outbox has read the change feed to.</summary>
public class WebhookFeedPosition
{
    public int Id { get; set; }
    public required string Cursor { get; set; }
}

/// <summary>The webhook job (Hangfire, every minute by default): queue new events, send what is due.</summary>
public sealed class WebhookJob(WebhookOutbox outbox)
{
    public Task<WebhookRunSummary> ExecuteAsync(CancellationToken cancellationToken) => outbox.RunAsync(cancellationToken);
}
