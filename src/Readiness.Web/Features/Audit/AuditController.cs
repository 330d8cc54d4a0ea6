using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Auditing;
using Readiness.Core.Data;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Audit;

public sealed class AuditFilter
{
    public Guid? Person { get; set; }
    public Guid? Agency { get; set; }
    public string? Entity { get; set; }
    public DateParts From { get; set; } = new();
    public DateParts To { get; set; } = new();
    public int Page { get; set; } = 1;

    public string ToQuery(int page)
    {
        var pairs = new List<(string, string?)>
        {
            ("person", Person?.ToString()),
            ("agency", Agency?.ToString()),
            ("entity", Entity),
            ("from.day", From.Day),
            ("from.month", From.Month),
            ("from.year", From.Year),
            ("to.day", To.Day),
            ("to.month", To.Month),
            ("to.year", To.Year),
            ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        return "?"
            + string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
    }
}

public sealed record AuditPage(
    AuditFilter Filter,
    IReadOnlyList<AuditRow> Events,
    int Total,
    int PageCount,
    IReadOnlyList<Choice> People,
    IReadOnlyList<Choice> Agencies,
    IReadOnlyList<Choice> Entities
);

[Authorize(Policy = Policies.ProgrammeOffice)]
public sealed class AuditController(ReadinessDbContext db) : Controller
{
    private const int PageSize = 50;

    private static readonly string[] EntityTypes =
    [
        "Recommendation",
        "Milestone",
        "ProgressUpdate",
        "TargetDateChangeRequest",
        "RecommendationStatusChange",
        "SupportingAgency",
        "EvidenceItem",
        "EvidenceFileVersion",
        "Review",
        "Theme",
        "Agency",
        "UserAccount",
    ];

    [HttpGet("/audit")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "audit";
        var query = db.AuditEvents.AsNoTracking();
        if (filter.Person is { } person)
        {
            query = query.Where(a => a.ActorUserId == person);
        }

        if (filter.Agency is { } agency)
        {
            query = query.Where(a => a.ActorAgencyId == agency);
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            query = query.Where(a => a.EntityType == filter.Entity);
        }

        var (from, fromError) = filter.From.Parse("From date", required: false);
        var (to, toError) = filter.To.Parse("To date", required: false);
        if (fromError is not null)
        {
            ModelState.AddModelError("From", fromError);
        }

        if (toError is not null)
        {
            ModelState.AddModelError("To", toError);
        }

        if (from is { } f)
        {
            var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(f.ToDateTime(TimeOnly.MinValue), LondonTime.Zone), TimeSpan.Zero);
            query = query.Where(a => a.OccurredAt >= start);
        }

        if (to is { } t)
        {
            var end = new DateTimeOffset(
                TimeZoneInfo.ConvertTimeToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue), LondonTime.Zone),
                TimeSpan.Zero
            );
            query = query.Where(a => a.OccurredAt < end);
        }

        var total = await query.CountAsync(cancellationToken);
        var pageCount = Pagination.CountPages(total, PageSize);
        filter.Page = Math.Clamp(filter.Page, 1, pageCount);
        var events = await query
            .OrderByDescending(a => a.OccurredAt)
            .ThenByDescending(a => a.Id)
            .Skip((filter.Page - 1) * PageSize)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        var people = await db
            .Users.AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id.ToString(), u.DisplayName + " (" + u.Email + ")", null))
            .ToListAsync(cancellationToken);
        var agencies = await db
            .Agencies.AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new Choice(a.Id.ToString(), a.Name, null))
            .ToListAsync(cancellationToken);
        return View(
            new AuditPage(
                filter,
                AuditText.Rows(events),
                total,
                pageCount,
                [new("", "Anyone"), .. people],
                [new("", "Any agency"), .. agencies],
                [new("", "Anything"), .. EntityTypes.Select(e => new Choice(e, AuditText.Words(e)))]
            )
        );
    }
}
