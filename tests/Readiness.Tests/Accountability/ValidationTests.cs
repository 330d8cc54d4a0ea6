using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Agencies;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Reminders;
using Readiness.Core.Reports;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Accountability;

/// <summary>
/// Proof that it worked: closing records how the change was validated, or the date by which it will be; a promised
/// validation and expired evidence are reminded; the board report counts closed-and-validated against not yet.
/// </summary>
public sealed class ValidationTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private readonly Agency _agency = Build.Agency();
    private Recommendation _proposed = null!;
    private EvidenceItem _evidence = null!;
    private UserAccount _lead = null!;
    private UserAccount _office = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review();
        _proposed = Build.Recommendation(review, _agency);
        _proposed.Response = ResponseStatus.Accepted;
        _proposed.DeliveryStatus = DeliveryStatus.ClosureProposed;
        _lead = Build.User(Role.AgencyLead, _agency);
        _office = Build.User(Role.ProgrammeOffice);
        _proposed.OwnerUserId = _lead.Id;
        _evidence = new EvidenceItem
        {
            RecommendationId = _proposed.Id,
            Title = "Training records for control room staff",
            EvidenceDate = new DateOnly(2025, 11, 1),
            ExpiresOn = new DateOnly(2026, 11, 1),
            Status = EvidenceStatus.Accepted,
            SubmittedAt = ReadinessApp.DefaultNow.AddYears(-1),
        };
        await App.SaveAsync(_agency, review, _lead, _office, _proposed, _evidence);
    }

    private async Task<string> VersionAsync() =>
        (await App.WithDbAsync(db => db.Recommendations.Where(r => r.Id == _proposed.Id).Select(r => r.Version).SingleAsync())).ToString(
            System.Globalization.CultureInfo.InvariantCulture
        );

    private async Task<HttpResponseMessage> PostAsync(string email, string path, Dictionary<string, string> fields)
    {
        fields["Version"] = await VersionAsync();
        return await Client(email).PostFormAsync(path, path, fields);
    }

    private Task<HttpResponseMessage> CloseAsync(Dictionary<string, string> fields) =>
        PostAsync(_office.Email, $"/recommendations/{_proposed.Id}/close", fields);

    private static Dictionary<string, string> Validated(string day, string reference = "EX-2026-14") =>
        new()
        {
            ["Validation"] = "validated",
            ["Method"] = nameof(ValidationMethod.Exercise),
            ["ValidatedOn.Day"] = day,
            ["ValidatedOn.Month"] = "11",
            ["ValidatedOn.Year"] = "2026",
            ["ValidationReference"] = reference,
        };

    private Task<Recommendation> ReloadAsync() =>
        App.WithDbAsync(db => db.Recommendations.AsNoTracking().SingleAsync(r => r.Id == _proposed.Id));

    private static async Task<string> TextAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    [Fact]
    public async Task Closing_asks_how_it_was_validated_and_says_what_to_fix()
    {
        await GivenAsync();

        var nothing = await CloseAsync([]);
        var incomplete = await CloseAsync(new() { ["Validation"] = "validated" });
        var future = await CloseAsync(Validated("27"));
        var pastPromise = await CloseAsync(
            new()
            {
                ["Validation"] = "not-yet",
                ["ValidateBy.Day"] = "1",
                ["ValidateBy.Month"] = "11",
                ["ValidateBy.Year"] = "2026",
            }
        );
        var closed = await CloseAsync(Validated("20"));

        Assert.Contains("Select whether the change has been validated", await TextAsync(nothing), StringComparison.Ordinal);
        var missing = await TextAsync(incomplete);
        Assert.Contains("Select how the change was validated", missing, StringComparison.Ordinal);
        Assert.Contains("Enter the validation date", missing, StringComparison.Ordinal);
        Assert.Contains(
            "Enter the reference of the exercise report, incident debrief, audit or inspection",
            missing,
            StringComparison.Ordinal
        );
        Assert.Contains("The validation date must be today or in the past", await TextAsync(future), StringComparison.Ordinal);
        Assert.Contains(
            "The date by which it will be validated must be in the future",
            await TextAsync(pastPromise),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var r = await ReloadAsync();
        Assert.Equal(
            (DeliveryStatus.Complete, ValidationMethod.Exercise, new DateOnly(2026, 11, 20), "EX-2026-14"),
            (r.DeliveryStatus, r.ValidationMethod!.Value, r.ValidatedOn!.Value, r.ValidationReference)
        );
    }

    [Fact]
    public async Task Closed_not_yet_validated_the_programme_office_records_the_validation_later_and_nobody_else_may()
    {
        await GivenAsync();
        var openPage = await Client(_office.Email).GetAsync(new Uri($"/recommendations/{_proposed.Id}/validation", UriKind.Relative));
        await CloseAsync(
            new()
            {
                ["Validation"] = "not-yet",
                ["ValidateBy.Day"] = "31",
                ["ValidateBy.Month"] = "3",
                ["ValidateBy.Year"] = "2027",
            }
        );
        var page = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_proposed.Id}", UriKind.Relative));

        var byLead = await Client(_lead.Email).GetAsync(new Uri($"/recommendations/{_proposed.Id}/validation", UriKind.Relative));
        var recorded = await PostAsync(
            _office.Email,
            $"/recommendations/{_proposed.Id}/validation",
            Validated("25", "Inspection HMICFRS 2026/7")
        );

        Assert.Equal(HttpStatusCode.Conflict, openPage.StatusCode);
        Assert.Contains(
            "Validation is recorded once the recommendation is closed as delivered",
            await TextAsync(openPage),
            StringComparison.Ordinal
        );
        Assert.Contains("Not yet validated; to be validated by 31 March 2027", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var r = await ReloadAsync();
        Assert.Equal((new DateOnly(2026, 11, 25), (DateOnly?)null), (r.ValidatedOn!.Value, r.ValidateBy));
    }

    [Fact]
    public async Task Expired_evidence_flags_the_recommendation_until_a_validation_is_recorded_after_it()
    {
        await GivenAsync();
        await CloseAsync(Validated("20"));
        await App.WithDbAsync(async db =>
        {
            (await db.Recommendations.SingleAsync(r => r.Id == _proposed.Id)).ValidatedOn = new DateOnly(2026, 10, 1);
            return await db.SaveChangesAsync();
        });

        var flagged = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_proposed.Id}", UriKind.Relative));
        var report = await ReportAsync();
        await PostAsync(_office.Email, $"/recommendations/{_proposed.Id}/validation", Validated("24"));
        var cleared = await Client(_office.Email).GetStringAsync(new Uri($"/recommendations/{_proposed.Id}", UriKind.Relative));

        Assert.Contains(
            "Needs re-validation: an accepted evidence item expired, the first on 1 November 2026",
            flagged,
            StringComparison.Ordinal
        );
        Assert.Equal(new ValidationCounts(1, 0, 0, 1), report.Validation);
        Assert.DoesNotContain("Needs re-validation", cleared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_board_report_counts_closed_and_validated_against_closed_not_yet_validated()
    {
        await GivenAsync();
        var review = Build.Review();
        var late = Build.Recommendation(review, _agency);
        late.DeliveryStatus = DeliveryStatus.Complete;
        late.PromiseValidation(new DateOnly(2026, 11, 1));
        var pending = Build.Recommendation(review, _agency);
        pending.DeliveryStatus = DeliveryStatus.Complete;
        pending.PromiseValidation(new DateOnly(2027, 2, 1));
        var proven = Build.Recommendation(review, _agency);
        proven.DeliveryStatus = DeliveryStatus.Complete;
        proven.RecordValidation(ValidationMethod.RealIncident, new DateOnly(2026, 6, 3), "Debrief 2026-06");
        await App.SaveAsync(review, late, pending, proven);

        var report = await ReportAsync();

        // The recommendation given in GivenAsync is still open but its accepted evidence has expired: it needs re-validation.
        Assert.Equal(new ValidationCounts(1, 2, 1, 1), report.Validation);
    }

    [Fact]
    public async Task The_reminder_job_sends_validation_due_evidence_expired_and_response_overdue_reminders_once_each()
    {
        await GivenAsync();
        await App.WithDbAsync(async db =>
        {
            var r = await db.Recommendations.Include(x => x.Review).SingleAsync(x => x.Id == _proposed.Id);
            r.DeliveryStatus = DeliveryStatus.Complete;
            r.PromiseValidation(new DateOnly(2026, 11, 19));
            var unanswered = Build.Recommendation(r.Review!, _agency);
            unanswered.OwnerUserId = _lead.Id;
            r.Review!.ResponsesDueOn = new DateOnly(2026, 9, 1);
            db.Recommendations.Add(unanswered);
            return await db.SaveChangesAsync();
        });

        await RunRemindersAsync();
        await RunRemindersAsync();

        var sent = await App.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Email == _lead.Email).ToListAsync());
        Assert.Equal(
            ["evidence-expired", "response-overdue", "validation-overdue"],
            sent.Select(n => n.Kind).Order(StringComparer.Ordinal).ToArray()
        );
        Assert.All(sent, n => Assert.Equal(NotificationState.Sent, n.State));
        Assert.Contains("expired on 1 November 2026", sent.Single(n => n.Kind == "evidence-expired").Line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_about_expired_evidence_is_cancelled_once_a_validation_is_recorded()
    {
        await GivenAsync();
        await CloseAsync(Validated("20"));
        await App.WithDbAsync(async db =>
        {
            (await db.Recommendations.SingleAsync(r => r.Id == _proposed.Id)).ValidatedOn = new DateOnly(2026, 10, 1);
            return await db.SaveChangesAsync();
        });
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var planned = await scope
                .ServiceProvider.GetRequiredService<ReminderPlanner>()
                .PlanAsync(new DateOnly(2026, 11, 26), App.Clock.GetUtcNow(), CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<NotificationOutbox>().EnqueueAsync(planned, CancellationToken.None);
        }

        await PostAsync(_office.Email, $"/recommendations/{_proposed.Id}/validation", Validated("24"));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationOutbox>().SendDueAsync(CancellationToken.None);
        }

        var reminder = await App.WithDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.Kind == "evidence-expired"));
        Assert.Equal(NotificationState.Cancelled, reminder.State);
    }

    [Fact]
    public async Task Evidence_can_carry_an_expiry_date_after_its_own_date()
    {
        await GivenAsync();
        var page = $"/recommendations/{_proposed.Id}/evidence/new";
        Task<HttpResponseMessage> UploadAsync(string expiryYear) =>
            Client(_lead.Email)
                .PostMultipartAsync(
                    page,
                    page,
                    new Dictionary<string, string>
                    {
                        ["Title"] = "First aid certificates",
                        ["EvidenceDate.Day"] = "3",
                        ["EvidenceDate.Month"] = "10",
                        ["EvidenceDate.Year"] = "2026",
                        ["ExpiresOn.Day"] = "3",
                        ["ExpiresOn.Month"] = "10",
                        ["ExpiresOn.Year"] = expiryYear,
                    },
                    ("certificates.pdf", SampleFiles.Pdf())
                );

        var refused = await UploadAsync("2025");
        var saved = await UploadAsync("2027");

        Assert.Contains("The expiry date must be after the evidence date", await TextAsync(refused), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(
            new DateOnly(2027, 10, 3),
            await App.WithDbAsync(db =>
                db.EvidenceItems.Where(e => e.Title == "First aid certificates").Select(e => e.ExpiresOn).SingleAsync()
            )
        );
    }

    private async Task<ReminderRunSummary> RunRemindersAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderJob>().ExecuteAsync(CancellationToken.None);
    }

    private async Task<BoardReportData> ReportAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return (
            await scope
                .ServiceProvider.GetRequiredService<BoardReportQuery>()
                .GatherAsync(new ReportRequest(ReportScope.Programme, null, new DateOnly(2026, 11, 26)), CancellationToken.None)
        )!;
    }
}
