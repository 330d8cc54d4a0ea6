using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Reminders;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Notifications;

public sealed record NotificationsPage(
    IReadOnlyList<Notification> Rows,
    int Page,
    int PageCount,
    int Total,
    string? State,
    IReadOnlyDictionary<NotificationState, int> Counts
);

/// <summary>The reminder log for the programme office: every queued reminder with its state, attempts and last error.</summary>
[Authorize(Policy = Policies.ProgrammeOffice)]
public sealed class NotificationsController(ReadinessDbContext db) : Controller
{
    private const int PageSize = 50;

    [HttpGet("/notifications")]
    public async Task<IActionResult> Index(string? state, int page = 1, CancellationToken cancellationToken = default)
    {
        ViewData["Section"] = "notifications";
        var query = db.Notifications.AsNoTracking();
        if (Slugs.Parse<NotificationState>(state) is { } filter)
        {
            query = query.Where(n => n.State == filter);
        }

        var found = await Pagination.ReadPageAsync(
            query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Key),
            page,
            PageSize,
            cancellationToken
        );
        var counts = await db
            .Notifications.GroupBy(n => n.State)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return View(new NotificationsPage(found.Items, found.Page, found.PageCount, found.Total, state, counts));
    }
}
