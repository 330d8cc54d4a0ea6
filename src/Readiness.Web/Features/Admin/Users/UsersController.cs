using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Users;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Admin.Users;

public sealed class UserForm
{
    [Required(ErrorMessage = "Enter the person's email address")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org")]
    [FitsColumn(typeof(UserAccount), nameof(UserAccount.Email), "The email address")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter the person's name")]
    [FitsColumn(typeof(UserAccount), nameof(UserAccount.DisplayName), "The name")]
    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Select the person's role")]
    public Role? Role { get; set; }

    public Guid? AgencyId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Why this person needs OFFICIAL-SENSITIVE wording outside their own agency's recommendations.</summary>
    [FitsColumn(typeof(UserAccount), nameof(UserAccount.SensitiveAccessReason), "The reason for sensitive access")]
    public string? SensitiveAccessReason { get; set; }

    /// <summary>The last day of the grant.</summary>
    public DateParts SensitiveAccessUntil { get; set; } = new();

    public uint Version { get; set; }
}

public sealed record UserRow(Guid Id, string DisplayName, string Email, Role Role, string? Agency, bool IsActive);

public sealed record UsersPage(IReadOnlyList<UserRow> Rows, int Page, int PageCount, int Total, string? Q);

public sealed record UserPage(Guid? Id, UserForm Form, IReadOnlyList<Choice> Agencies);

[Authorize(Policy = Policies.ProgrammeOffice)]
[Route("admin/users")]
public sealed class UsersController(ReadinessDbContext db, TimeProvider clock) : Controller
{
    private const int PageSize = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        ViewData["Section"] = "admin";
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = $"%{q.Trim()}%";
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern) || EF.Functions.ILike(u.Email, pattern));
        }

        var found = await Pagination.ReadPageAsync(
            query
                .OrderBy(u => u.DisplayName)
                .Select(u => new UserRow(u.Id, u.DisplayName, u.Email, u.Role, u.Agency == null ? null : u.Agency.Name, u.IsActive)),
            page,
            PageSize,
            cancellationToken
        );
        return View(new UsersPage(found.Items, found.Page, found.PageCount, found.Total, q));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(CancellationToken cancellationToken) =>
        View("Edit", new UserPage(null, new UserForm(), await AgenciesAsync(cancellationToken)));

    [HttpPost("new")]
    public async Task<IActionResult> New(UserForm form, CancellationToken cancellationToken)
    {
        await ValidateAsync(null, form, cancellationToken);
        var grant = SensitiveAccess(form);
        if (!ModelState.IsValid)
        {
            return View("Edit", new UserPage(null, form, await AgenciesAsync(cancellationToken)));
        }

        db.Users.Add(
            new UserAccount
            {
                Email = UserAccount.NormaliseEmail(form.Email!),
                DisplayName = form.DisplayName!.Trim(),
                Role = form.Role!.Value,
                AgencyId = form.AgencyId,
                IsActive = form.IsActive,
                SensitiveAccessUntil = grant.Until,
                SensitiveAccessReason = grant.Reason,
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        TempData["Success"] = $"{form.DisplayName!.Trim()} added.";
        return Redirect(Links.Users);
    }

    [HttpGet("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var form = new UserForm
        {
            Email = user.Email,
            DisplayName = user.DisplayName,
            Role = user.Role,
            AgencyId = user.AgencyId,
            IsActive = user.IsActive,
            SensitiveAccessReason = user.SensitiveAccessReason,
            SensitiveAccessUntil = DateParts.From(user.SensitiveAccessUntil),
            Version = user.Version,
        };
        return View(new UserPage(id, form, await AgenciesAsync(cancellationToken)));
    }

    [HttpPost("{id:guid}/edit")]
    public async Task<IActionResult> Edit(Guid id, UserForm form, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        await ValidateAsync(id, form, cancellationToken);
        var grant = SensitiveAccess(form, user.SensitiveAccessUntil);
        if (id == CurrentUser.From(User)!.Id && (form.Role != Role.ProgrammeOffice || !form.IsActive))
        {
            ModelState.AddModelError(
                nameof(UserForm.Role),
                "You cannot remove your own programme office role or deactivate yourself; ask another member of the programme office"
            );
        }

        if (ModelState.IsValid)
        {
            db.Entry(user).Property(u => u.Version).OriginalValue = form.Version;
            user.Email = UserAccount.NormaliseEmail(form.Email!);
            user.DisplayName = form.DisplayName!.Trim();
            user.Role = form.Role!.Value;
            user.AgencyId = form.AgencyId;
            user.IsActive = form.IsActive;
            user.SensitiveAccessUntil = grant.Until;
            user.SensitiveAccessReason = grant.Reason;
            if (await ModelState.TrySaveAsync(db, nameof(UserForm.DisplayName), cancellationToken))
            {
                TempData["Success"] = $"{user.DisplayName} saved.";
                return Redirect(Links.Users);
            }
            else
            {
                form.Version = await db.Users.Where(u => u.Id == id).Select(u => u.Version).SingleAsync(cancellationToken);
            }
        }

        return View(new UserPage(id, form, await AgenciesAsync(cancellationToken)));
    }

    private async Task ValidateAsync(Guid? id, UserForm form, CancellationToken cancellationToken)
    {
        if (form.Email is not null)
        {
            var email = UserAccount.NormaliseEmail(form.Email);
            if (await db.Users.AnyAsync(u => u.Email == email && u.Id != id, cancellationToken))
            {
                ModelState.AddModelError(nameof(UserForm.Email), "Another person already has this email address");
            }
        }

        if (form.Role is Role.AgencyLead or Role.AgencyContributor && form.AgencyId is null)
        {
            ModelState.AddModelError(nameof(UserForm.AgencyId), "Select the agency this lead or contributor works for");
        }

        if (form.AgencyId is { } agency && !await db.Agencies.AnyAsync(a => a.Id == agency, cancellationToken))
        {
            ModelState.AddModelError(nameof(UserForm.AgencyId), "Select an agency from the list");
        }
    }

    /// <summary>
    /// A grant of sensitive access needs both a reason and an end date, and a new end date cannot be in the past;
    /// clearing both ends the grant. The audit trail records every change.
    /// </summary>
    private (DateOnly? Until, string? Reason) SensitiveAccess(UserForm form, DateOnly? currentUntil = null)
    {
        var reason = string.IsNullOrWhiteSpace(form.SensitiveAccessReason) ? null : form.SensitiveAccessReason.Trim();
        var (until, error) = form.SensitiveAccessUntil.Parse("End date of sensitive access", required: reason is not null);
        if (error is not null)
        {
            ModelState.AddModelError(nameof(UserForm.SensitiveAccessUntil), error);
        }
        else if (until is not null && reason is null)
        {
            ModelState.AddModelError(
                nameof(UserForm.SensitiveAccessReason),
                "Enter why this person needs sensitive access, or clear the end date"
            );
        }
        else if (until is { } day && day != currentUntil && day < clock.Today())
        {
            ModelState.AddModelError(nameof(UserForm.SensitiveAccessUntil), "End date of sensitive access must be today or in the future");
        }

        return (until, reason);
    }

    private async Task<IReadOnlyList<Choice>> AgenciesAsync(CancellationToken cancellationToken) =>
        [
            new("", "No agency"),
            .. await db
                .Agencies.AsNoTracking()
                .OrderBy(a => a.Name)
                .Select(a => new Choice(a.Id.ToString(), a.Name, null))
                .ToListAsync(cancellationToken),
        ];
}
