using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Calendars;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Calendar;

/// <summary>Calendar feeds of milestones: the secret address itself, and a person's controls for issuing and revoking theirs.</summary>
public sealed class CalendarController(CalendarFeeds feeds, IOptions<ReadinessOptions> options) : Controller
{
    /// <summary>Calendar apps cannot sign in, so the unguessable token in the address is the credential.</summary>
    [AllowAnonymous]
    [HttpGet("/calendar/{token}.ics")]
    public async Task<IActionResult> Feed(string token, CancellationToken cancellationToken)
    {
        var calendar = await feeds.RenderAsync(token, cancellationToken);
        return calendar is null ? NotFound() : Content(calendar, "text/calendar; charset=utf-8");
    }

    [HttpPost("/account/calendar/{scope}/issue")]
    public async Task<IActionResult> Issue(CalendarScope scope, CancellationToken cancellationToken)
    {
        if (Refuse(scope) is { } refusal)
        {
            return refusal;
        }

        var token = await feeds.IssueAsync(CurrentUser.From(User)!.Id, scope, cancellationToken);
        TempData["CalendarScope"] = scope.ToString();
        TempData["CalendarUrl"] = options.Value.PublicBaseUrl.TrimEnd('/') + Links.Calendar(token);
        return Redirect(Links.AccountCalendars);
    }

    [HttpPost("/account/calendar/{scope}/revoke")]
    public async Task<IActionResult> Revoke(CalendarScope scope, CancellationToken cancellationToken)
    {
        if (Refuse(scope) is { } refusal)
        {
            return refusal;
        }

        var revoked = await feeds.RevokeAsync(CurrentUser.From(User)!.Id, scope, cancellationToken);
        TempData["Success"] = revoked
            ? "The calendar address is revoked: calendars using it will stop updating."
            : "There was no calendar address to revoke.";
        return Redirect(Links.AccountCalendars);
    }

    private BadRequestResult? Refuse(CalendarScope scope) =>
        !Enum.IsDefined(scope) || (scope == CalendarScope.Agency && CurrentUser.From(User)!.AgencyId is null) ? BadRequest() : null;
}
