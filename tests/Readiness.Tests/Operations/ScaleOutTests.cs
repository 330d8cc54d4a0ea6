using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Operations;

/// <summary>Two instances of the app on two ports and one database, as behind a load balancer.</summary>
public sealed class ScaleOutTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task A_person_signed_in_on_one_instance_submits_a_form_on_another()
    {
        var user = Build.User(Role.AgencyLead, email: $"scale-out-{Guid.NewGuid():N}@test.example");
        user.AgencyId = null;
        await App.SaveAsync(user);
        await using var first = Instance(runJobs: false);
        await using var second = Instance(runJobs: false);
        var cookies = new CookieContainer();
        using var onFirst = BrowserOn(first, cookies);
        using var onSecond = BrowserOn(second, cookies);

        var signedIn = await onFirst.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["email"] = user.Email });
        var page = await onFirst.GetStringAsync(new Uri("/account", UriKind.Relative));
        var token = System
            .Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")
            .Groups[1]
            .Value;
        using var form = new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["preference"] = "DailyDigest",
                ["version"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"version\" value=\"([0-9]+)\"").Groups[1].Value,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            }
        );
        var saved = await onSecond.PostAsync(new Uri("/account", UriKind.Relative), form);

        Assert.NotEqual(onFirst.BaseAddress!.Port, onSecond.BaseAddress!.Port);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/account", saved.Headers.Location!.OriginalString);
        Assert.Equal(
            NotificationPreference.DailyDigest,
            await App.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.NotificationPreference).SingleAsync())
        );
    }

    [Fact]
    public async Task One_run_of_the_reminder_job_across_two_instances_sends_each_reminder_once_even_when_one_stops_mid_way()
    {
        Fixture.Smtp.ClearReceivedEmail();
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Response = ResponseStatus.Accepted;
        var owners = Enumerable.Range(0, 30).Select(_ => Build.User(Role.AgencyContributor, agency)).ToList();
        var milestones = owners
            .Select(
                (owner, i) =>
                {
                    var milestone = Build.Milestone(recommendation, agency, new DateOnly(2026, 11, 1).AddDays(i % 20));
                    milestone.OwnerUserId = owner.Id;
                    return milestone;
                }
            )
            .ToList();
        await App.SaveAsync([agency, review, recommendation, .. owners, .. milestones]);
        var pause = new PauseAfterFirstEmails(3);
        var instances = new Dictionary<string, ReadinessApp>
        {
            ["first"] = Instance(runJobs: true, pause, "first"),
            ["second"] = Instance(runJobs: true, pause, "second"),
        };

        try
        {
            new RecurringJobManager(instances["first"].Services.GetRequiredService<JobStorage>()).Trigger(nameof(ReminderJob));
            // Generous waits: alone the test takes 5 s, but once in a full run on a loaded machine it took 31 s and hit 30.
            var paused = await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
            await instances[paused].DisposeAsync();
            instances.Remove(paused);
            var survivor = instances.Values.Single();
            survivor.RouteHangfireLogsHere();

            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (Fixture.Smtp.ReceivedEmailCount < owners.Count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
            Assert.Equal(owners.Select(o => o.Email).Order(), Fixture.Smtp.ReceivedEmail.Select(m => m.ToAddresses[0].Address).Order());
            var notifications = await App.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync());
            Assert.Equal(owners.Count, notifications.Count);
            Assert.All(notifications, n => Assert.Equal((NotificationState.Sent, 1), (n.State, n.Attempts)));
            Assert.Empty(survivor.Logged.Errors);
        }
        finally
        {
            foreach (var instance in instances.Values)
            {
                await instance.DisposeAsync();
            }

            App.RouteHangfireLogsHere();
        }
    }

    private ScaleOutInstance Instance(bool runJobs, PauseAfterFirstEmails? pause = null, string name = "")
    {
        var instance = new ScaleOutInstance(
            Fixture.Database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Reminders:RunServer"] = runJobs ? "true" : "false",
                ["Reminders:QueuePollSeconds"] = "1",
                ["Email:Smtp:Host"] = "127.0.0.1",
                ["Email:Smtp:Port"] = Fixture.SmtpPort.ToString(CultureInfo.InvariantCulture),
            },
            pause,
            name
        );
        instance.ServeOn(instance.Port);
        return instance;
    }

    private static HttpClient BrowserOn(ScaleOutInstance instance, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{instance.Port}"),
        };

    private sealed class ScaleOutInstance(
        string connectionString,
        IReadOnlyDictionary<string, string?> settings,
        PauseAfterFirstEmails? pause,
        string name
    ) : ReadinessApp(connectionString, settings)
    {
        public int Port { get; } = PostgresServer.FreePort();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (pause is not null)
            {
                builder.ConfigureTestServices(services =>
                    services.AddScoped<IEmailSender>(provider => new PausingSender(
                        ActivatorUtilities.CreateInstance<SmtpEmailSender>(provider),
                        pause,
                        name
                    ))
                );
            }
        }
    }

    /// <summary>The first instance to send email sends a few, then waits as a slow mail server would until its instance stops.</summary>
    private sealed class PauseAfterFirstEmails(int emails)
    {
        private int taken;

        public int Emails => emails;

        public TaskCompletionSource<string> Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TakeTurn() => Interlocked.Exchange(ref taken, 1) == 0;
    }

    private sealed class PausingSender(IEmailSender smtp, PauseAfterFirstEmails pause, string instance) : IEmailSender
    {
        public async Task SendAsync(IReadOnlyList<EmailMessage> messages, Action<int, string?> record, CancellationToken cancellationToken)
        {
            if (!pause.TakeTurn())
            {
                await smtp.SendAsync(messages, record, cancellationToken);
                return;
            }

            await smtp.SendAsync(messages.Take(pause.Emails).ToList(), record, cancellationToken);
            pause.Reached.SetResult(instance);
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
