using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Reports;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Reminders;

/// <summary>Whatever goes wrong part-way, the outbox never sends the same thing twice and never drops it.</summary>
public sealed class OutboxFailureTests(AppFixture fixture) : IntegrationTest(fixture)
{
    /// <summary>Sends through the real SMTP sender, then throws something no sender expects after a number of emails.</summary>
    private sealed class BreaksAfter(IEmailSender inner, int emails) : IEmailSender
    {
        public async Task SendAsync(IReadOnlyList<EmailMessage> messages, Action<int, string?> record, CancellationToken cancellationToken)
        {
            await inner.SendAsync(messages.Take(emails).ToList(), record, cancellationToken);
            throw new InvalidOperationException("The mail relay went away in an unexpected way.");
        }
    }

    private async Task<List<UserAccount>> GivenTenOwnersWithAMilestoneDueAsync()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Response = ResponseStatus.Accepted;
        recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        recommendation.ProgressUpdates.Add(
            new ProgressUpdate
            {
                RecommendationId = recommendation.Id,
                Narrative = "n",
                ReportingPeriod = new DateOnly(2026, 11, 1),
            }
        );
        var owners = Enumerable.Range(0, 10).Select(_ => Build.User(Role.AgencyContributor, agency)).ToList();
        var milestones = owners.Select(o =>
        {
            var milestone = Build.Milestone(recommendation, agency, new DateOnly(2026, 11, 29));
            milestone.OwnerUserId = o.Id;
            return milestone;
        });
        await App.SaveAsync([agency, review, recommendation, .. owners, .. milestones]);
        return owners;
    }

    private async Task<List<string>> ReceivedAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Fixture.Smtp.ReceivedEmailCount < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(200);
        return Fixture.Smtp.ReceivedEmail.Select(m => m.ToAddresses[0].Address).ToList();
    }

    [Fact]
    public async Task A_sender_that_fails_unexpectedly_after_three_of_ten_emails_loses_nothing_and_repeats_nothing()
    {
        Fixture.Smtp.ClearReceivedEmail();
        var owners = await GivenTenOwnersWithAMilestoneDueAsync();
        await using var breaking = App.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services =>
                services.AddScoped<IEmailSender>(provider => new BreaksAfter(
                    new SmtpEmailSender(provider.GetRequiredService<IOptions<EmailOptions>>()),
                    3
                ))
            )
        );

        await using (var scope = breaking.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderJob>().ExecuteAsync(CancellationToken.None);
        }

        // Each batch records the three the sender reported and puts the rest back; the run goes on with them.
        Assert.Equal(owners.Select(o => o.Email).Order(), (await ReceivedAsync(10)).Order());

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderJob>().ExecuteAsync(CancellationToken.None);
        }

        Assert.Equal(owners.Select(o => o.Email).Order(), (await ReceivedAsync(10)).Order());
        Assert.All(
            await App.WithDbAsync(db => db.Notifications.ToListAsync()),
            n => Assert.Equal((NotificationState.Sent, 1), (n.State, n.Attempts))
        );
    }

    [Fact]
    public async Task The_monthly_report_job_run_twice_issues_one_report_and_emails_each_executive_once()
    {
        Fixture.Smtp.ClearReceivedEmail();
        var agency = Build.Agency();
        var review = Build.Review();
        var executives = new[] { Build.User(Role.Executive), Build.User(Role.Executive) };
        await App.SaveAsync([agency, review, Build.Recommendation(review, agency), .. executives]);

        for (var run = 0; run < 2; run++)
        {
            await using var scope = App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MonthlyBoardReportJob>().ExecuteAsync(CancellationToken.None);
        }

        Assert.Equal(1, await App.WithDbAsync(db => db.BoardReportSnapshots.CountAsync()));
        Assert.Equal(executives.Select(e => e.Email).Order(), (await ReceivedAsync(2)).Order());
    }
}
