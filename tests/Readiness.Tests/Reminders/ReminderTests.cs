using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using Readiness.Core.Agencies;
using Readiness.Core.Evidence;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Reminders;

public sealed class ReminderTests : IntegrationTest
{
    private readonly SimpleSmtpServer _smtp;
    private readonly Agency _agency = Build.Agency();
    private UserAccount _owner = null!;
    private UserAccount _lead = null!;
    private UserAccount _office = null!;
    private Recommendation _recommendation = null!;

    public ReminderTests(AppFixture fixture)
        : base(fixture)
    {
        _smtp = fixture.Smtp;
        _smtp.ClearReceivedEmail();
    }

    /// <summary>The app again, sending to a port where no SMTP server listens until the test starts one there.</summary>
    private ReadinessApp AppWithSmtpDown(out int port)
    {
        port = PostgresServer.FreePort();
        var app = new ReadinessApp(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }
        );
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero));
        return app;
    }

    private static async Task<ReminderRunSummary> RunAsync(ReadinessApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().ExecuteAsync(CancellationToken.None);
    }

    private async Task<Milestone> GivenMilestoneDueAsync(DateOnly due, NotificationPreference preference = NotificationPreference.Immediate)
    {
        var review = Build.Review();
        _recommendation = Build.Recommendation(review, _agency);
        _recommendation.Response = ResponseStatus.Accepted;
        _recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        _recommendation.ProgressUpdates.Add(
            new ProgressUpdate
            {
                RecommendationId = _recommendation.Id,
                Narrative = "n",
                ReportingPeriod = new DateOnly(2027, 12, 1),
            }
        );
        _owner = Build.User(Role.AgencyContributor, _agency);
        _owner.NotificationPreference = preference;
        _lead = Build.User(Role.AgencyLead, _agency);
        _office = Build.User(Role.ProgrammeOffice);
        var milestone = Build.Milestone(_recommendation, _agency, due);
        milestone.OwnerUserId = _owner.Id;
        await App.SaveAsync(_agency, review, _recommendation, _owner, _lead, _office, milestone);
        return milestone;
    }

    private async Task<ReminderRunSummary> RunAsync(DateOnly? on = null)
    {
        if (on is { } day)
        {
            App.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero));
        }

        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().ExecuteAsync(CancellationToken.None);
    }

    /// <summary>
    /// The emails the SMTP server has taken, once every email the outbox marked as sent has arrived (the server stores them
    /// asynchronously).
    /// </summary>
    private List<(string To, string Subject)> Received(SimpleSmtpServer? server = null)
    {
        server ??= _smtp;
        var expected = App.WithDbAsync(db => db.Notifications.CountAsync(n => n.State == NotificationState.Sent)).Result;
        var digests = App.WithDbAsync(db =>
            db.Notifications.Where(n => n.State == NotificationState.Sent)
                .Select(n => n.RecipientUserId)
                .Distinct()
                .CountAsync(u => db.Users.Any(x => x.Id == u && x.NotificationPreference == NotificationPreference.DailyDigest))
        ).Result;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (server.ReceivedEmailCount < expected - (digests > 0 ? expected - digests : 0) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return server.ReceivedEmail.Select(m => (m.ToAddresses[0].Address, m.Headers["Subject"] ?? "")).ToList();
    }

    [Fact]
    public async Task Due_soon_reminders_go_at_14_and_3_days_and_never_twice()
    {
        await GivenMilestoneDueAsync(new DateOnly(2026, 12, 10));

        await RunAsync(new DateOnly(2026, 11, 26));
        await RunAsync(new DateOnly(2026, 11, 26));
        var after14 = Received();
        await RunAsync(new DateOnly(2026, 11, 30));
        await RunAsync(new DateOnly(2026, 12, 7));
        await RunAsync(new DateOnly(2026, 12, 8));

        Assert.Equal([(_owner.Email, $"OFFICIAL: Readiness: Milestone due in 14 days: {_recommendation.Reference}")], after14);
        Assert.Equal(
            new[]
            {
                $"OFFICIAL: Readiness: Milestone due in 14 days: {_recommendation.Reference}",
                $"OFFICIAL: Readiness: Milestone due in 3 days: {_recommendation.Reference}",
            }.Order(),
            Received().Select(r => r.Subject).Order()
        );
    }

    [Fact]
    public async Task A_missed_day_is_caught_up_on_the_next_run()
    {
        await GivenMilestoneDueAsync(new DateOnly(2026, 12, 10));

        await RunAsync(new DateOnly(2026, 11, 28));

        Assert.Equal($"OFFICIAL: Readiness: Milestone due in 12 days: {_recommendation.Reference}", Assert.Single(Received()).Subject);
    }

    [Fact]
    public async Task Overdue_reminders_start_the_day_after_repeat_weekly_and_escalate_to_the_lead_then_the_programme_office()
    {
        await GivenMilestoneDueAsync(new DateOnly(2026, 11, 25));

        await RunAsync(new DateOnly(2026, 11, 25));
        Assert.DoesNotContain(Received(), r => r.Subject.Contains("overdue", StringComparison.Ordinal));
        await RunAsync(new DateOnly(2026, 11, 26));
        Assert.Equal(
            [_owner.Email],
            Received().Where(r => r.Subject.Contains("overdue by 1 days", StringComparison.Ordinal)).Select(r => r.To)
        );
        await RunAsync(new DateOnly(2026, 11, 30));
        Assert.Single(Received(), r => r.Subject.Contains("overdue", StringComparison.Ordinal));
        await RunAsync(new DateOnly(2026, 12, 3));
        Assert.Equal(
            [_owner.Email],
            Received().Where(r => r.Subject.Contains("overdue by 8 days", StringComparison.Ordinal)).Select(r => r.To)
        );
        await RunAsync(new DateOnly(2026, 12, 10));
        Assert.Equal(
            new[] { _owner.Email, _lead.Email }.Order(),
            Received().Where(r => r.Subject.Contains("overdue by 15 days", StringComparison.Ordinal)).Select(r => r.To).Order()
        );
        await RunAsync(new DateOnly(2026, 12, 24));
        Assert.Equal(
            new[] { _owner.Email, _lead.Email, _office.Email }.Order(),
            Received().Where(r => r.Subject.Contains("overdue by 29 days", StringComparison.Ordinal)).Select(r => r.To).Order()
        );
    }

    [Fact]
    public async Task A_daily_digest_lists_every_item_once_in_one_email_with_links_in_text_and_html()
    {
        var first = await GivenMilestoneDueAsync(new DateOnly(2026, 11, 20), NotificationPreference.DailyDigest);
        var second = Build.Milestone(_recommendation, _agency, new DateOnly(2026, 11, 21));
        second.OwnerUserId = _owner.Id;
        var third = Build.Milestone(_recommendation, _agency, new DateOnly(2026, 12, 1));
        third.OwnerUserId = _owner.Id;
        await App.SaveAsync(second, third);

        await RunAsync(new DateOnly(2026, 11, 26));

        var email = Assert.Single(_smtp.ReceivedEmail);
        Assert.Equal("OFFICIAL: Readiness: your daily digest: 3 items need your attention", email.Headers["Subject"]);
        var text = email.MessageParts.Single(p => p.HeaderData.Contains("text/plain", StringComparison.Ordinal)).BodyData;
        var html = email.MessageParts.Single(p => p.HeaderData.Contains("text/html", StringComparison.Ordinal)).BodyData;
        foreach (var milestone in new[] { first, second, third })
        {
            Assert.Single(
                System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape(milestone.Title) + "\"")
            );
        }

        foreach (var milestone in new[] { first, second, third })
        {
            Assert.Contains($"https://readiness.test/milestones/{milestone.Id}/complete", text, StringComparison.Ordinal);
            var link = $"https://readiness.test/milestones/{milestone.Id}/complete";
            Assert.Contains($"href=\"{link}\">Complete it", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_digest_groups_by_urgency_and_recommendation_says_what_others_changed_since_the_last_one_and_links_the_monthly_page()
    {
        var overdue = await GivenMilestoneDueAsync(new DateOnly(2026, 11, 20), NotificationPreference.DailyDigest);
        var dueSoon = Build.Milestone(_recommendation, _agency, new DateOnly(2026, 12, 10));
        dueSoon.OwnerUserId = _owner.Id;
        await App.SaveAsync(dueSoon);
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero));
        var edited = await Client(_lead.Email)
            .PostFormAsync(
                $"/milestones/{overdue.Id}/edit",
                $"/milestones/{overdue.Id}/edit",
                new Dictionary<string, string>
                {
                    ["Title"] = "Exercise debrief, renamed by the lead",
                    ["DeliveringAgencyId"] = _agency.Id.ToString(),
                    ["OwnerUserId"] = _owner.Id.ToString(),
                    ["DueDate.Day"] = "20",
                    ["DueDate.Month"] = "11",
                    ["DueDate.Year"] = "2026",
                    ["Version"] = overdue.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                }
            );

        Assert.Equal(System.Net.HttpStatusCode.Redirect, edited.StatusCode);
        await RunAsync(new DateOnly(2026, 11, 26));

        var text = Assert
            .Single(_smtp.ReceivedEmail)
            .MessageParts.Single(p => p.HeaderData.Contains("text/plain", StringComparison.Ordinal))
            .BodyData.ReplaceLineEndings("\n");
        var overdueAt = text.IndexOf("OVERDUE (1)", StringComparison.Ordinal);
        var dueSoonAt = text.IndexOf("DUE SOON (1)", StringComparison.Ordinal);
        Assert.True(overdueAt >= 0 && dueSoonAt > overdueAt, text);
        Assert.True(text.Split('\n').Count(line => line == _recommendation.Reference) == 2, text);
        Assert.Contains(
            $"CHANGED SINCE YOUR LAST DIGEST\n- {_recommendation.Reference}: 1 milestone change",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains("https://readiness.test/updates/month", text, StringComparison.Ordinal);
        await using var scope = App.Services.CreateAsyncScope();
        var sinceThisDigest = await scope
            .ServiceProvider.GetRequiredService<DigestChanges>()
            .SinceLastDigestAsync([_owner.Id], new DateTimeOffset(2026, 11, 27, 7, 0, 0, TimeSpan.Zero), CancellationToken.None);
        Assert.Empty(sinceThisDigest);
    }

    [Fact]
    public async Task A_weekly_digest_reader_gets_nothing_until_monday_then_one_email_with_the_weeks_reminders()
    {
        await GivenMilestoneDueAsync(new DateOnly(2026, 11, 20), NotificationPreference.WeeklyDigest);
        var second = Build.Milestone(_recommendation, _agency, new DateOnly(2026, 12, 1));
        second.OwnerUserId = _owner.Id;
        await App.SaveAsync(second);

        await RunAsync(new DateOnly(2026, 11, 26));
        await RunAsync(new DateOnly(2026, 11, 28));
        Assert.Empty(_smtp.ReceivedEmail);
        Assert.All(
            await App.WithDbAsync(db => db.Notifications.Where(n => n.RecipientUserId == _owner.Id).ToListAsync()),
            n =>
                Assert.Equal(
                    (NotificationState.Pending, new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero)),
                    (n.State, n.NextAttemptAt)
                )
        );

        await RunAsync(new DateOnly(2026, 11, 30));

        var email = Assert.Single(_smtp.ReceivedEmail);
        Assert.Equal(_owner.Email, email.ToAddresses[0].Address);
        Assert.StartsWith("OFFICIAL: Readiness: your weekly digest:", email.Headers["Subject"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_smtp_server_down_failures_are_recorded_and_each_reminder_arrives_once_when_it_returns()
    {
        await GivenMilestoneDueAsync(new DateOnly(2026, 11, 20));
        await using var app = AppWithSmtpDown(out var port);

        var down = await RunAsync(app);
        var failed = await App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync());
        using var restarted = SimpleSmtpServer.Start(port);
        var tooSoon = await RunAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var back = await RunAsync(app);
        var again = await RunAsync(app);

        Assert.Equal(1, down.Sending.Failed);
        Assert.Equal(NotificationState.Failed, failed.State);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("Could not connect to the SMTP server", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(0, tooSoon.Sending.Sent);
        Assert.Equal(1, back.Sending.Sent);
        Assert.Equal(0, again.Sending.Sent + again.Queued);
        Assert.Single(Received(restarted));
        var sent = await App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync());
        Assert.Equal((NotificationState.Sent, 2), (sent.State, sent.Attempts));
    }

    [Fact]
    public async Task Completing_or_redating_a_milestone_before_the_send_cancels_its_reminder()
    {
        var completed = await GivenMilestoneDueAsync(new DateOnly(2026, 11, 20));
        var redated = Build.Milestone(_recommendation, _agency, new DateOnly(2026, 11, 21));
        redated.OwnerUserId = _owner.Id;
        await App.SaveAsync(redated);
        await using var app = AppWithSmtpDown(out var port);
        await RunAsync(app);

        await App.WithDbAsync(async db =>
        {
            (await db.Milestones.SingleAsync(m => m.Id == completed.Id)).CompletedOn = new DateOnly(2026, 11, 26);
            (await db.Milestones.SingleAsync(m => m.Id == redated.Id)).CurrentDueDate = new DateOnly(2027, 3, 1);
            await db.SaveChangesAsync();
        });
        using var restarted = SimpleSmtpServer.Start(port);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var summary = await RunAsync(app);

        Assert.Equal(2, summary.Sending.Cancelled);
        Assert.Empty(Received(restarted));
        Assert.All(
            await App.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync()),
            n => Assert.Equal(NotificationState.Cancelled, n.State)
        );
    }

    [Fact]
    public async Task Progress_updates_due_and_evidence_left_sent_back_are_chased()
    {
        await GivenMilestoneDueAsync(new DateOnly(2027, 6, 1));
        var noUpdate = Build.Recommendation(Build.Review(), _agency);
        noUpdate.Response = ResponseStatus.Accepted;
        noUpdate.OwnerUserId = _lead.Id;
        var evidence = new EvidenceItem
        {
            RecommendationId = _recommendation.Id,
            Title = "Minutes",
            EvidenceDate = new DateOnly(2026, 10, 1),
            Status = EvidenceStatus.SentBack,
            SubmittedByUserId = _owner.Id,
            LastSentBackAt = new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero),
        };
        await App.WithDbAsync(async db =>
        {
            db.Reviews.Add(
                new Readiness.Core.Reviews.Review
                {
                    Id = noUpdate.ReviewId,
                    Code = "RX" + Guid.NewGuid().ToString("N")[..6],
                    Title = "x",
                    PublishedOn = new DateOnly(2020, 1, 1),
                }
            );
            noUpdate.ThemeId = null;
            db.AddRange(noUpdate, evidence);
            await db.SaveChangesAsync();
        });

        await RunAsync(new DateOnly(2026, 11, 19));
        var before = Received();
        await RunAsync(new DateOnly(2026, 11, 20));

        Assert.Contains(before, r => r.To == _owner.Email && r.Subject.Contains("Evidence sent back", StringComparison.Ordinal));
        Assert.DoesNotContain(before, r => r.Subject.Contains("Progress update due", StringComparison.Ordinal));
        Assert.Contains(
            Received(),
            r => r.To == _lead.Email && r.Subject == $"OFFICIAL: Readiness: Progress update due for November 2026: {noUpdate.Reference}"
        );
    }
}
