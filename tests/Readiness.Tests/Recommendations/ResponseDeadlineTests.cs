using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Reports;
using Readiness.Core.Reviews;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Recommendations;

/// <summary>
/// Each review can set a date by which responses are due; a recommendation still without one after it is "response overdue".
/// </summary>
public sealed class ResponseDeadlineTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private Review _review = null!;
    private Recommendation _late = null!;
    private Recommendation _answered = null!;
    private Recommendation _notYetDue = null!;
    private UserAccount _lead = null!;
    private UserAccount _office = null!;

    private async Task GivenAsync()
    {
        _review = Build.Review();
        _review.ResponsesDueOn = new DateOnly(2026, 9, 1);
        var later = Build.Review();
        later.ResponsesDueOn = new DateOnly(2027, 3, 1);
        _late = Build.Recommendation(_review, _agency);
        _answered = Build.Recommendation(_review, _agency);
        _answered.Response = ResponseStatus.Accepted;
        _notYetDue = Build.Recommendation(later, _agency);
        _lead = Build.User(Role.AgencyLead, _agency);
        _office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(_agency, _review, later, _late, _answered, _notYetDue, _lead, _office);
    }

    private async Task<ReminderRunSummary> RunRemindersAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().ExecuteAsync(CancellationToken.None);
    }

    private Task<List<Notification>> ResponseRemindersAsync() =>
        App.WithDbAsync(db => db.Notifications.Where(n => n.Kind == "response-overdue").ToListAsync());

    [Fact]
    public async Task The_programme_office_sets_the_date_and_a_date_before_publication_is_refused()
    {
        await GivenAsync();
        var edit = $"/admin/reviews/{_review.Id}/edit";
        Dictionary<string, string> Form(string day) =>
            new()
            {
                ["Code"] = _review.Code,
                ["Title"] = _review.Title,
                ["PublishedOn.Day"] = "1",
                ["PublishedOn.Month"] = "3",
                ["PublishedOn.Year"] = "2022",
                ["ResponsesDueOn.Day"] = day,
                ["ResponsesDueOn.Month"] = "9",
                ["ResponsesDueOn.Year"] = day == "1" ? "2022" : "2021",
                ["Version"] = _review.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };

        var refused = await Client(_office.Email).PostFormAsync(edit, edit, Form("2"));
        var saved = await Client(_office.Email).PostFormAsync(edit, edit, Form("1"));

        Assert.Contains(
            "Responses due date must be on or after the publication date",
            await refused.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(
            new DateOnly(2022, 9, 1),
            await App.WithDbAsync(db => db.Reviews.Where(r => r.Id == _review.Id).Select(r => r.ResponsesDueOn).SingleAsync())
        );
    }

    [Fact]
    public async Task The_programme_office_home_lists_responses_overdue_and_only_those()
    {
        await GivenAsync();

        var home = await Client(_office.Email).GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Responses overdue (1)", home, StringComparison.Ordinal);
        Assert.Contains(_late.Reference, home, StringComparison.Ordinal);
        Assert.DoesNotContain(_answered.Reference, home, StringComparison.Ordinal);
        Assert.DoesNotContain(_notYetDue.Reference, home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reminder_job_tells_the_agency_once_and_the_board_report_counts_it()
    {
        await GivenAsync();

        await RunRemindersAsync();
        await RunRemindersAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var report = await scope
            .ServiceProvider.GetRequiredService<BoardReportQuery>()
            .GatherAsync(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26)), CancellationToken.None);

        var reminder = Assert.Single(await ResponseRemindersAsync());
        Assert.Equal((_lead.Email, NotificationState.Sent), (reminder.Email, reminder.State));
        Assert.Equal($"/recommendations/{_late.Id}/response", reminder.Link);
        Assert.Equal(1, report!.ResponsesOverdue);
    }

    [Fact]
    public async Task A_reminder_not_yet_sent_is_cancelled_once_the_response_is_recorded()
    {
        await GivenAsync();
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var planned = await scope
                .ServiceProvider.GetRequiredService<ReminderPlanner>()
                .PlanAsync(new DateOnly(2026, 11, 26), App.Clock.GetUtcNow(), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<NotificationOutbox>().EnqueueAsync(planned, CancellationToken.None);
        }

        await App.WithDbAsync(async db =>
        {
            (await db.Recommendations.SingleAsync(r => r.Id == _late.Id)).Response = ResponseStatus.Accepted;
            return await db.SaveChangesAsync();
        });
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationOutbox>().SendDueAsync(CancellationToken.None);
        }

        Assert.Equal(NotificationState.Cancelled, Assert.Single(await ResponseRemindersAsync()).State);
    }
}
