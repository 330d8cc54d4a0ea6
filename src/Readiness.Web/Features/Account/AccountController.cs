using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Account;

public sealed record AccountPage(UserAccount User, NotificationPreference? Chosen, IReadOnlyList<Core.Calendars.CalendarFeedStatus> Feeds);

/// <summary>A person's own settings: how they want reminders, and their calendar feeds.</summary>
public sealed class AccountController(ReadinessDbContext db, Core.Calendars.CalendarFeeds feeds) : Controller
{
    [HttpGet("/account")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (TempData.Peek("CalendarUrl") is not null && HttpContext.Features.Get<IHttpsCompressionFeature>() is { } compression)
        {
            // The page shows a new secret address once: not compressed, so its length says nothing about it (BREACH).
            compression.Mode = HttpsCompressionMode.DoNotCompress;
        }

        var user = await db
            .Users.AsNoTracking()
            .Include(u => u.Agency)
            .SingleAsync(u => u.Id == CurrentUser.From(User)!.Id, cancellationToken);
        return View(new AccountPage(user, null, await feeds.ActiveAsync(user.Id, cancellationToken)));
    }

    [HttpPost("/account")]
    public async Task<IActionResult> Index(NotificationPreference? preference, uint version, CancellationToken cancellationToken)
    {
        var user = await db.Users.Include(u => u.Agency).SingleAsync(u => u.Id == CurrentUser.From(User)!.Id, cancellationToken);
        if (preference is null || !Enum.IsDefined(preference.Value))
        {
            ModelState.AddModelError("preference", "Select how you want to receive reminders");
            return View(new AccountPage(user, null, await feeds.ActiveAsync(user.Id, cancellationToken)));
        }

        db.Entry(user).Property(u => u.Version).OriginalValue = version;
        user.NotificationPreference = preference.Value;
        if (!await ModelState.TrySaveAsync(db, "preference", cancellationToken))
        {
            db.ChangeTracker.Clear();
            var current = await db.Users.AsNoTracking().Include(u => u.Agency).SingleAsync(u => u.Id == user.Id, cancellationToken);
            return View(new AccountPage(current, preference, await feeds.ActiveAsync(user.Id, cancellationToken)));
        }

        TempData["Success"] = "Your reminder setting is saved.";
        return Redirect(Links.Account);
    }
}
