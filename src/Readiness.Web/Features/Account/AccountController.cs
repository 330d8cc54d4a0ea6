using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Account;

public sealed record AccountPage(UserAccount User, NotificationPreference? Chosen, IReadOnlyList<Core.Calendars.CalendarFeedStatus> Feeds);

/// <summary>A person's own settings: how they want reminders, and their calendar feeds.</summary>
public sealed class AccountController(ReadinessDbContext db, Core.Calendars.CalendarFeeds feeds) : Controller
{
    [HttpGet("/account")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var user = await db
            .Users.AsNoTracking()
            .Include(u => u.Agency)
            .SingleAsync(u => u.Id == CurrentUser.From(User)!.Id, cancellationToken);
        return View(new AccountPage(user, null, await feeds.ActiveAsync(user.Id, cancellationToken)));
    }

    [HttpPost("/account")]
    public async Task<IActionResult> Index(NotificationPreference? preference, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Agency).SingleAsync(u => u.Id == CurrentUser.From(User)!.Id, cancellationToken);
        if (preference is null || !Enum.IsDefined(preference.Value))
        {
            ModelState.AddModelError("preference", "Select how you want to receive reminders");
            return View(new AccountPage(user, null, await feeds.ActiveAsync(user.Id, cancellationToken)));
        }

        user.NotificationPreference = preference.Value;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = "Your reminder setting is saved.";
        return Redirect(Links.Account);
    }
}
