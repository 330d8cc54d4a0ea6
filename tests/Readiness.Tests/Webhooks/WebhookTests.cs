using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Reports;
using Readiness.Core.Users;
using Readiness.Core.Webhooks;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Webhooks;

/// <summary>
/// Webhooks: registered by the programme office, signed with the endpoint's secret, queued once per event and endpoint
/// (across runs, a retry and two instances), never carrying wording. A local receiver plays the other system.
/// </summary>
public sealed class WebhookTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private WebhookReceiver _receiver = null!;
    private readonly Agency _agency = Build.Agency();
    private UserAccount _office = null!;
    private Recommendation _recommendation = null!;

    private async Task GivenAsync()
    {
        _office = Build.User(Role.ProgrammeOffice);
        var review = Build.Review();
        _recommendation = Build.Recommendation(review, _agency);
        _recommendation.Text = "Sensitive wording that must never travel";
        _recommendation.Response = ResponseStatus.Accepted;
        await App.SaveAsync(_agency, _office, review, _recommendation);
    }

    private async Task<(Guid Id, string Secret)> RegisterAsync(WebhookEvents events)
    {
        var secret = WebhookSignature.NewSecret();
        var endpoint = await App.WithDbAsync(async db =>
        {
            var protector = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Readiness.Webhooks.Secret");
            var endpoint = new WebhookEndpoint
            {
                Name = "Agency tracker",
                Url = _receiver.Url,
                ProtectedSecret = protector.Protect(secret),
                Events = events,
                CreatedAt = App.Clock.GetUtcNow(),
            };
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync();
            return endpoint;
        });
        return (endpoint.Id, secret);
    }

    private Task<int> ChangeAsync(Guid id, Action<Recommendation> change) =>
        App.WithDbAsync(async db =>
        {
            change((await db.Recommendations.FindAsync(id))!);
            return await db.SaveChangesAsync();
        });

    private async Task<WebhookRunSummary> RunAsync(IServiceProvider? services = null)
    {
        await using var scope = (services ?? App.Services).CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookJob>().ExecuteAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Registered_on_the_page_a_status_change_is_delivered_once_signed_with_the_secret_and_without_wording()
    {
        await using var receiver = _receiver = new WebhookReceiver();
        await GivenAsync();
        var page = await Client(_office.Email)
            .PostFormAsync(
                "/admin/webhooks/new",
                "/admin/webhooks/new",
                new Dictionary<string, string>
                {
                    ["Name"] = "Fire brigade tracker",
                    ["Url"] = _receiver.Url,
                    ["Events"] = nameof(WebhookEvents.RecommendationChanged),
                }
            );
        var html = await page.Content.ReadAsStringAsync();
        var secret = WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(html, "<strong class=\"app-secret\">([^<]+)</strong>").Groups[1].Value
        );

        await ChangeAsync(_recommendation.Id, r => r.Title = "A new title only");
        await ChangeAsync(_recommendation.Id, r => r.DeliveryStatus = DeliveryStatus.InProgress);
        await RunAsync();
        await RunAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(string.IsNullOrEmpty(secret));
        var received = Assert.Single(_receiver.Requests);
        Assert.Equal("recommendation.changed", received.EventType);
        // The scheme as a receiver would check it, written out here rather than through the app's own code.
        var parts = received.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{received.Body}"))
        );
        Assert.Equal(expected, parts["v1"]);
        Assert.Equal(App.Clock.GetUtcNow().ToUnixTimeSeconds(), long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture));
        using var body = JsonDocument.Parse(received.Body);
        var recommendation = body.RootElement.GetProperty("recommendation");
        Assert.Equal(_recommendation.Reference, recommendation.GetProperty("reference").GetString());
        Assert.Equal("OFFICIAL", recommendation.GetProperty("marking").GetString());
        Assert.EndsWith($"/recommendations/{_recommendation.Id}", recommendation.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(
            ["DeliveryStatus"],
            body.RootElement.GetProperty("data").GetProperty("changed").EnumerateArray().Select(c => c.GetString())
        );
        Assert.DoesNotContain("Sensitive wording", received.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("A new title", received.Body, StringComparison.Ordinal);
        Assert.Equal(received.EventId, body.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_after_the_backoff_and_the_event_is_delivered_once()
    {
        await using var receiver = _receiver = new WebhookReceiver();
        await GivenAsync();
        var (endpointId, _) = await RegisterAsync(WebhookEvents.RecommendationChanged);
        _receiver.Answers.Enqueue(500);

        await ChangeAsync(_recommendation.Id, r => r.Rag = Rag.Amber);
        var first = await RunAsync();
        var tooSoon = await RunAsync();
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var retried = await RunAsync();
        var after = await RunAsync();

        Assert.Equal((1, 0, 1), (first.Queued, first.Delivered, first.Failed));
        Assert.Equal((0, 0, 0), (tooSoon.Queued, tooSoon.Delivered, tooSoon.Failed));
        Assert.Equal((0, 1, 0), (retried.Queued, retried.Delivered, retried.Failed));
        Assert.Equal((0, 0, 0), (after.Queued, after.Delivered, after.Failed));
        Assert.Equal([500, 200], _receiver.Requests.Select(r => r.AnsweredWith));
        Assert.Single(_receiver.Requests.Select(r => r.EventId).Distinct());
        var delivery = await App.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.EndpointId == endpointId));
        Assert.Equal((WebhookDeliveryState.Delivered, 2, 200), (delivery.State, delivery.Attempts, delivery.LastStatusCode));
    }

    [Fact]
    public async Task Two_instances_running_the_job_at_once_deliver_each_event_once()
    {
        await using var receiver = _receiver = new WebhookReceiver();
        await GivenAsync();
        await RegisterAsync(WebhookEvents.RecommendationChanged);
        var review = Build.Review();
        var many = Enumerable.Range(0, 20).Select(_ => Build.Recommendation(review, _agency)).ToList();
        await App.SaveAsync([review, .. many]);
        foreach (var r in many)
        {
            await ChangeAsync(r.Id, x => x.DeliveryStatus = DeliveryStatus.InProgress);
        }

        await using var second = new ReadinessApp(App.ConnectionString);
        second.Clock.SetUtcNow(App.Clock.GetUtcNow());
        await Task.WhenAll(RunAsync(), RunAsync(second.Services), RunAsync(), RunAsync(second.Services));

        var ids = _receiver.Requests.Select(r => r.EventId).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(20, ids.Distinct().Count());
    }

    [Fact]
    public async Task Overdue_milestones_evidence_decisions_and_issued_reports_are_each_delivered_once()
    {
        await using var receiver = _receiver = new WebhookReceiver();
        await GivenAsync();
        await RegisterAsync(WebhookEvents.MilestoneOverdue | WebhookEvents.EvidenceDecided | WebhookEvents.ReportIssued);
        var milestone = Build.Milestone(_recommendation, _agency, new DateOnly(2026, 11, 27));
        var evidence = new EvidenceItem
        {
            RecommendationId = _recommendation.Id,
            Title = "Exercise report",
            EvidenceDate = new DateOnly(2026, 11, 1),
            SubmittedByUserId = _office.Id,
            SubmittedAt = App.Clock.GetUtcNow(),
        };
        await App.SaveAsync(milestone, evidence);
        await App.WithDbAsync(async db =>
        {
            (await db.EvidenceItems.FindAsync(evidence.Id))!.Status = EvidenceStatus.Accepted;
            return await db.SaveChangesAsync();
        });
        App.Clock.Advance(TimeSpan.FromDays(3));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope
                .ServiceProvider.GetRequiredService<BoardReportService>()
                .IssueAsync(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 29)), _office.Id, CancellationToken.None);
        }

        await RunAsync();
        await RunAsync();

        Assert.Equal(
            ["evidence.decided", "milestone.overdue", "report.issued"],
            _receiver.Requests.Select(r => r.EventType).Order(StringComparer.Ordinal)
        );
        Assert.All(_receiver.Requests, r => Assert.DoesNotContain("Sensitive wording", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_programme_office_registers_and_an_address_that_is_not_https_is_refused_with_a_message()
    {
        await using var receiver = _receiver = new WebhookReceiver();
        await GivenAsync();
        var lead = Build.User(Role.AgencyLead, _agency);
        await App.SaveAsync(lead);

        var refused = await Client(lead.Email).GetAsync(new Uri("/admin/webhooks", UriKind.Relative));
        var plain = await Client(_office.Email)
            .PostFormAsync(
                "/admin/webhooks/new",
                "/admin/webhooks/new",
                new Dictionary<string, string> { ["Name"] = "Tracker", ["Url"] = "http://tracker.example.gov.uk/events" }
            );
        var html = await plain.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("The address must start https://", html, StringComparison.Ordinal);
        Assert.Contains("Choose at least one kind of change", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Tracker\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await App.WithDbAsync(db => db.WebhookEndpoints.CountAsync()));
    }
}
