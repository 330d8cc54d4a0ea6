using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Reminders;

public sealed class HangfireReminderTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Two_hangfire_servers_on_one_database_running_the_job_at_once_send_each_reminder_once()
    {
        Fixture.Smtp.ClearReceivedEmail();
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Response = ResponseStatus.Accepted;
        var owners = Enumerable.Range(0, 20).Select(_ => Build.User(Role.AgencyContributor, agency)).ToList();
        var milestones = owners
            .Select(
                (owner, i) =>
                {
                    var milestone = Build.Milestone(recommendation, agency, new DateOnly(2026, 11, 1).AddDays(i));
                    milestone.OwnerUserId = owner.Id;
                    return milestone;
                }
            )
            .ToList();
        await App.SaveAsync([agency, review, recommendation, .. owners, .. milestones]);

        App.RouteHangfireLogsHere();
        var storage = App.Services.GetRequiredService<JobStorage>();
        var activator = new AspNetCoreJobActivator(App.Services.GetRequiredService<IServiceScopeFactory>());
        var client = new BackgroundJobClient(storage);
        var jobs = Enumerable
            .Range(0, 4)
            .Select(_ => client.Enqueue<ReminderJob>(job => job.ExecuteAsync(CancellationToken.None)))
            .ToList();
        var options = new BackgroundJobServerOptions
        {
            WorkerCount = 2,
            Activator = activator,
            SchedulePollingInterval = TimeSpan.FromMilliseconds(100),
        };
        using (new BackgroundJobServer(options, storage))
        using (new BackgroundJobServer(options, storage))
        {
            var monitor = storage.GetMonitoringApi();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (
                !jobs.TrueForAll(id => monitor.JobDetails(id).History.FirstOrDefault()?.StateName is "Succeeded" or "Failed")
                && DateTime.UtcNow < deadline
            )
            {
                await Task.Delay(100);
            }

            Assert.All(jobs, id => Assert.Equal("Succeeded", monitor.JobDetails(id).History[0].StateName));
        }

        var notifications = await App.WithDbAsync(db => db.Notifications.AsNoTracking().ToListAsync());
        Assert.Equal(20, notifications.Count);
        Assert.All(notifications, n => Assert.Equal((NotificationState.Sent, 1), (n.State, n.Attempts)));
        var deadlineForMail = DateTime.UtcNow.AddSeconds(5);
        while (Fixture.Smtp.ReceivedEmailCount < 20 && DateTime.UtcNow < deadlineForMail)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        Assert.Equal(owners.Select(o => o.Email).Order(), Fixture.Smtp.ReceivedEmail.Select(m => m.ToAddresses[0].Address).Order());
    }

    [Fact]
    public async Task The_job_dashboard_is_for_the_programme_office_only()
    {
        var office = Build.User(Role.ProgrammeOffice);
        var agency = Build.Agency();
        var lead = Build.User(Role.AgencyLead, agency);
        await App.SaveAsync(agency, office, lead);

        Assert.Equal(
            System.Net.HttpStatusCode.OK,
            (await Client(office.Email).GetAsync(new Uri("/_hangfire", UriKind.Relative))).StatusCode
        );
        Assert.Equal(
            System.Net.HttpStatusCode.Forbidden,
            (await Client(lead.Email).GetAsync(new Uri("/_hangfire", UriKind.Relative))).StatusCode
        );
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await Client().GetAsync(new Uri("/_hangfire", UriKind.Relative))).StatusCode);
    }
}
