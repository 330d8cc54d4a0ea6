using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Webhooks;
using Readiness.Web.Auth;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Webhooks;

public sealed class WebhookForm
{
    [Required(ErrorMessage = "Enter a name, such as the system it notifies")]
    [FitsColumn(typeof(WebhookEndpoint), nameof(WebhookEndpoint.Name), "The name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter the address to send notifications to, starting https://")]
    [FitsColumn(typeof(WebhookEndpoint), nameof(WebhookEndpoint.Url), "The address")]
    public string? Url { get; set; }

    public List<WebhookEvents> Events { get; set; } = [];
}

public sealed record WebhookRow(WebhookEndpoint Endpoint, int Delivered, int Waiting, int GaveUp);

public sealed record WebhooksPage(
    IReadOnlyList<WebhookRow> Endpoints,
    IReadOnlyList<WebhookDelivery> Recent,
    string? NewSecret,
    Guid? NewId
);

/// <summary>The programme office registers other systems' HTTPS addresses to be told of changes, and sees each delivery.</summary>
[Authorize(Policy = Policies.ProgrammeOffice)]
[Route("admin/webhooks")]
public sealed class WebhooksController(ReadinessDbContext db, WebhookOutbox outbox, TimeProvider clock, IOptions<WebhookOptions> options)
    : Controller
{
    public const int RecentShown = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) => View(await PageAsync(null, null, cancellationToken));

    [HttpGet("new")]
    public IActionResult New() => View(new WebhookForm());

    [HttpPost("new")]
    public async Task<IActionResult> New(WebhookForm form, CancellationToken cancellationToken)
    {
        if (form.Url is { } url && WebhookAddress.Problem(url, options.Value.AllowLoopbackHttp) is { } problem)
        {
            ModelState.AddModelError(nameof(form.Url), problem);
        }

        var events = form.Events.Aggregate(WebhookEvents.None, (all, e) => all | e);
        if (events == WebhookEvents.None)
        {
            ModelState.AddModelError(nameof(form.Events), "Choose at least one kind of change to be told about");
        }

        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var secret = WebhookSignature.NewSecret();
        var endpoint = new WebhookEndpoint
        {
            Name = form.Name!.Trim(),
            Url = form.Url!.Trim(),
            ProtectedSecret = outbox.Protector.Protect(secret),
            Events = events,
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return View(nameof(Index), await PageAsync(secret, endpoint.Id, cancellationToken));
    }

    [HttpPost("{id:guid}/switch-off")]
    public async Task<IActionResult> SwitchOff(Guid id, CancellationToken cancellationToken)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (endpoint is null)
        {
            return NotFound();
        }

        endpoint.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = $"{endpoint.Name} switched off: nothing more will be sent to it.";
        return Redirect(Links.Webhooks);
    }

    private async Task<WebhooksPage> PageAsync(string? secret, Guid? newId, CancellationToken cancellationToken)
    {
        var endpoints = await db
            .WebhookEndpoints.AsNoTracking()
            .OrderByDescending(e => e.IsActive)
            .ThenBy(e => e.Name)
            .Select(e => new WebhookRow(
                e,
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Delivered),
                db.WebhookDeliveries.Count(d =>
                    d.EndpointId == e.Id
                    && (
                        d.State == WebhookDeliveryState.Pending
                        || d.State == WebhookDeliveryState.Failed
                        || d.State == WebhookDeliveryState.Sending
                    )
                ),
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.GaveUp)
            ))
            .ToListAsync(cancellationToken);
        var recent = await db
            .WebhookDeliveries.AsNoTracking()
            .Include(d => d.Endpoint)
            .OrderByDescending(d => d.CreatedAt)
            .Take(RecentShown)
            .ToListAsync(cancellationToken);
        return new WebhooksPage(endpoints, recent, secret, newId);
    }
}
