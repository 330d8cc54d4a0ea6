using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Reminders;
using Readiness.Core.Users;

namespace Readiness.Core.Reports;

/// <summary>
/// Issues the programme report each month and emails every executive a link to it, through the reminder outbox. Once per
/// month whatever happens: a retry, a requeue or "Trigger now" finds the month's report (a unique key) and issues nothing
/// new, and the outbox's keys mean no executive is emailed twice.
/// </summary>
public sealed class MonthlyBoardReportJob(ReadinessDbContext db, ReportIssuer issuer, NotificationOutbox outbox, TimeProvider clock)
{
    public async Task<MonthlyReport?> ExecuteAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var monthlyKey = $"{ReportScope.Programme}:{today:yyyy-MM}";
        var snapshot = await IssuedAsync(monthlyKey, cancellationToken);
        if (snapshot is null)
        {
            var order = new IssueOrder(new ReportRequest(ReportScope.Programme, null, today), null, monthlyKey);
            await issuer.IssueAsync(order, cancellationToken);
            snapshot = await IssuedAsync(monthlyKey, cancellationToken);
        }

        if (snapshot is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var month = today.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        var executives = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Role == Role.Executive).ToListAsync(cancellationToken);
        await outbox.EnqueueAsync(
            executives
                .Select(u => new Notification
                {
                    Key = $"board-report:{monthlyKey}:{u.Id}",
                    RecipientUserId = u.Id,
                    Email = u.Email,
                    RecipientName = u.DisplayName,
                    Kind = "board-report",
                    Stage = "issued",
                    Subject = $"Board progress report for {month}",
                    Line = $"The board progress report for {month} has been issued. Its SHA-256 is {snapshot.Sha256}.",
                    Link = Links.IssuedReport(snapshot.Id),
                    SubjectEntityType = nameof(BoardReportSnapshot),
                    SubjectEntityId = snapshot.Id,
                    CreatedAt = now,
                    NextAttemptAt = now,
                })
                .ToList(),
            cancellationToken
        );
        await outbox.SendDueAsync(cancellationToken);
        return snapshot;
    }

    /// <summary>What the emails need of the month's report: not its PDF and data (9 MB and 2.7 MB at 5,000 recommendations).</summary>
    private Task<MonthlyReport?> IssuedAsync(string monthlyKey, CancellationToken cancellationToken) =>
        db
            .BoardReportSnapshots.Where(s => s.MonthlyKey == monthlyKey)
            .Select(s => new MonthlyReport(s.Id, s.IssuedByUserId, s.Sha256))
            .SingleOrDefaultAsync(cancellationToken);
}

/// <summary>The month's issued programme report, as the monthly job found or issued it.</summary>
public sealed record MonthlyReport(Guid Id, Guid? IssuedByUserId, string Sha256);
