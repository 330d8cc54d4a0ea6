using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Agencies;
using Readiness.Core.Data;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Admin.Agencies;

public sealed class AgencyForm
{
    private const string TenantIdFormat = "The tenant id must be a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47";

    [Required(ErrorMessage = "Enter the agency's short code")]
    [RegularExpression("^[A-Za-z0-9-]{2,}$", ErrorMessage = "The code must be at least 2 letters, numbers or hyphens, like LFB")]
    [FitsColumn(typeof(Agency), nameof(Agency.Code), "The code")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Enter the agency's name")]
    [FitsColumn(typeof(Agency), nameof(Agency.Name), "The name")]
    public string? Name { get; set; }

    [RegularExpression(
        "^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$",
        ErrorMessage = TenantIdFormat
    )]
    [StringLength(64, ErrorMessage = TenantIdFormat)]
    public string? EntraTenantId { get; set; }

    public uint Version { get; set; }
}

public sealed record AgencyRow(Guid Id, string Code, string Name, Guid? TenantId, int Users, int Leads);

public sealed record AgencyPage(Guid? Id, AgencyForm Form);

[Authorize(Policy = Policies.ProgrammeOffice)]
[Route("admin/agencies")]
public sealed class AgenciesController(ReadinessDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Section"] = "admin";
        var rows = await db
            .Agencies.AsNoTracking()
            .OrderBy(a => a.Name)
            .Select(a => new AgencyRow(
                a.Id,
                a.Code,
                a.Name,
                a.EntraTenantId,
                db.Users.Count(u => u.AgencyId == a.Id),
                db.Recommendations.Count(r => r.LeadAgencyId == a.Id)
            ))
            .ToListAsync(cancellationToken);
        return View(rows);
    }

    [HttpGet("new")]
    public IActionResult New() => View("Edit", new AgencyPage(null, new AgencyForm()));

    [HttpPost("new")]
    public async Task<IActionResult> New(AgencyForm form, CancellationToken cancellationToken)
    {
        await ValidateAsync(null, form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View("Edit", new AgencyPage(null, form));
        }

        db.Agencies.Add(
            new Agency
            {
                Code = form.Code!.Trim().ToUpperInvariant(),
                Name = form.Name!.Trim(),
                EntraTenantId = Tenant(form),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = $"Agency {form.Name!.Trim()} added.";
        return Redirect(Links.Agencies);
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return agency is null
            ? NotFound()
            : View(
                new AgencyPage(
                    id,
                    new AgencyForm
                    {
                        Code = agency.Code,
                        Name = agency.Name,
                        EntraTenantId = agency.EntraTenantId?.ToString(),
                        Version = agency.Version,
                    }
                )
            );
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, AgencyForm form, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        await ValidateAsync(id, form, cancellationToken);
        if (!ModelState.IsValid)
        {
            return View(new AgencyPage(id, form));
        }

        db.Entry(agency).Property(a => a.Version).OriginalValue = form.Version;
        agency.Code = form.Code!.Trim().ToUpperInvariant();
        agency.Name = form.Name!.Trim();
        agency.EntraTenantId = Tenant(form);
        if (!await ModelState.TrySaveAsync(db, nameof(AgencyForm.Name), cancellationToken))
        {
            form.Version = await db.Agencies.Where(a => a.Id == id).Select(a => a.Version).SingleAsync(cancellationToken);
            return View(new AgencyPage(id, form));
        }

        TempData["Success"] = $"Agency {agency.Name} saved.";
        return Redirect(Links.Agencies);
    }

    private static Guid? Tenant(AgencyForm form) => Guid.TryParse(form.EntraTenantId?.Trim(), out var tenant) ? tenant : null;

    private async Task ValidateAsync(Guid? id, AgencyForm form, CancellationToken cancellationToken)
    {
        var code = form.Code?.Trim().ToUpperInvariant();
        if (code is not null && await db.Agencies.AnyAsync(a => a.Code == code && a.Id != id, cancellationToken))
        {
            ModelState.AddModelError(nameof(AgencyForm.Code), $"Another agency already has the code {code}");
        }

        if (Tenant(form) is { } tenant && await db.Agencies.AnyAsync(a => a.EntraTenantId == tenant && a.Id != id, cancellationToken))
        {
            ModelState.AddModelError(nameof(AgencyForm.EntraTenantId), "Another agency already signs in from this tenant");
        }
    }
}
