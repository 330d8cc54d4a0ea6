using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.ProgressUpdates;

public sealed class MonthlyRowForm
{
    public Guid Id { get; set; }

    public uint Version { get; set; }

    public bool NoChange { get; set; }

    [FitsColumn(typeof(ProgressUpdate), nameof(ProgressUpdate.Narrative), "The update")]
    public string? Narrative { get; set; }

    public DeliveryStatus? Status { get; set; }

    public Rag? Rag { get; set; }

    [FitsColumn(typeof(ProgressUpdate), nameof(ProgressUpdate.RagReason), "The reason")]
    public string? RagReason { get; set; }

    /// <summary>Rows left blank are left for later; only rows with an update or "no change" are saved.</summary>
    public bool HasEntry => NoChange || !string.IsNullOrWhiteSpace(Narrative);

    public static MonthlyRowForm From(MonthlyRow row) =>
        new()
        {
            Id = row.Id,
            Version = row.Version,
            Status = row.Status,
            Rag = row.Rag,
            RagReason = row.RagReason,
        };
}

public sealed class MonthlyForm
{
    public List<MonthlyRowForm> Rows { get; set; } = [];
}

public sealed record MonthlyPage(
    DateOnly Month,
    IReadOnlyList<MonthlyRow> Done,
    IReadOnlyList<(MonthlyRow Row, MonthlyRowForm Form)> Outstanding
)
{
    public int Total => Done.Count + Outstanding.Count;
}

/// <summary>
/// An agency lead's or contributor's month in one form: every recommendation their agency leads or supports that is being
/// delivered, each row saved as its own progress update, so one conflict or mistake keeps that row and saves the others.
/// </summary>
public sealed class MonthlyController(ReadinessDbContext db, MonthlyUpdates monthly, TimeProvider clock) : Controller
{
    private const string SavedBySomeoneElse =
        "Someone else updated this recommendation since you opened the page. Your text is kept: check their update, then save again";

    private const string NotBeingDelivered = "An update was not saved because its recommendation is no longer being delivered";

    [HttpGet(Links.MonthlyUpdate)]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (CurrentUser.From(User) is not { WorksForAnAgency: true } user)
        {
            return Forbid();
        }

        return Page(await monthly.RowsAsync(user.Reader, cancellationToken), []);
    }

    [HttpPost(Links.MonthlyUpdate)]
    public async Task<IActionResult> Index(MonthlyForm form, CancellationToken cancellationToken)
    {
        if (CurrentUser.From(User) is not { WorksForAnAgency: true } user)
        {
            return Forbid();
        }

        var entered = form.Rows.Where(r => r.HasEntry).ToList();
        if (!await MayUpdateAllAsync(user, entered.Select(r => r.Id).ToList(), cancellationToken))
        {
            return Forbid();
        }

        var problems = Problems(form);
        var valid = entered.Where(r => !problems.ContainsKey(r.Id)).ToList();
        var outcomes = await monthly.SaveAsync(
            [
                .. valid.Select(r => new MonthlyEntry(
                    r.Id,
                    r.Version,
                    r.NoChange,
                    r.Status!.Value,
                    r.Rag!.Value,
                    r.RagReason ?? "",
                    r.Narrative ?? ""
                )),
            ],
            user.Id,
            cancellationToken
        );
        var saved = outcomes.Count(o => o.Value == MonthlyOutcome.Saved);
        foreach (var (id, outcome) in outcomes.Where(o => o.Value != MonthlyOutcome.Saved))
        {
            problems[id] =
            [
                (nameof(MonthlyRowForm.Narrative), outcome == MonthlyOutcome.Conflict ? SavedBySomeoneElse : NotBeingDelivered),
            ];
        }

        if (problems.Count == 0)
        {
            TempData["Success"] = saved == 1 ? "1 update saved." : $"{saved} updates saved.";
            return Redirect(Links.MonthlyUpdate);
        }

        return Page(
            await monthly.RowsAsync(user.Reader, cancellationToken),
            form.Rows.Where(r => problems.ContainsKey(r.Id)),
            problems,
            saved
        );
    }

    private async Task<bool> MayUpdateAllAsync(CurrentUser user, List<Guid> ids, CancellationToken cancellationToken)
    {
        var owners = await db
            .Recommendations.Where(r => ids.Contains(r.Id))
            .Select(r => new { r.LeadAgencyId, Supporting = r.SupportingAgencies.Select(s => s.AgencyId).ToList() })
            .ToListAsync(cancellationToken);
        return owners.Count == ids.Distinct().Count()
            && owners.All(o =>
                RecommendationWorkflow.IsAllowed(
                    RecommendationAction.PostUpdate,
                    user.Role,
                    user.AgencyId,
                    new(o.LeadAgencyId, o.Supporting)
                )
            );
    }

    /// <summary>What is wrong with each entered row, by recommendation; rows left blank have nothing wrong.</summary>
    private Dictionary<Guid, List<(string Field, string Message)>> Problems(MonthlyForm form)
    {
        var problems = new Dictionary<Guid, List<(string Field, string Message)>>();
        for (var i = 0; i < form.Rows.Count; i++)
        {
            var row = form.Rows[i];
            var found = ModelState
                .Where(e => e.Key.StartsWith($"Rows[{i}].", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 })
                .Select(e => (e.Key[$"Rows[{i}].".Length..], e.Value!.Errors[0].ErrorMessage))
                .ToList();
            if (row.HasEntry && !row.NoChange)
            {
                if (row.Status is not { } status || !RecommendationWorkflow.UpdateStatuses.Contains(status))
                {
                    found.Add((nameof(MonthlyRowForm.Status), "Select not started or in progress"));
                }

                if (row.Rag is null)
                {
                    found.Add((nameof(MonthlyRowForm.Rag), "Select the RAG rating"));
                }

                if (string.IsNullOrWhiteSpace(row.RagReason))
                {
                    found.Add((nameof(MonthlyRowForm.RagReason), "Enter the reason for the RAG rating"));
                }
            }

            if (found.Count > 0 && row.HasEntry)
            {
                problems[row.Id] = found;
            }
        }

        return problems;
    }

    private ViewResult Page(
        IReadOnlyList<MonthlyRow> rows,
        IEnumerable<MonthlyRowForm> kept,
        Dictionary<Guid, List<(string Field, string Message)>>? problems = null,
        int saved = 0
    )
    {
        var keptById = kept.ToDictionary(r => r.Id);
        var outstanding = rows.Where(r => !r.Done || keptById.ContainsKey(r.Id))
            .Select(r => (r, keptById.TryGetValue(r.Id, out var form) ? Refreshed(form, r) : MonthlyRowForm.From(r)))
            .ToList();
        ModelState.Clear();
        for (var i = 0; i < outstanding.Count; i++)
        {
            foreach (var (field, message) in problems?.GetValueOrDefault(outstanding[i].r.Id) ?? [])
            {
                ModelState.AddModelError($"Rows[{i}].{field}", message);
            }
        }

        foreach (var gone in problems?.Keys.Where(id => outstanding.All(o => o.r.Id != id)) ?? [])
        {
            ModelState.AddModelError("", NotBeingDelivered);
        }

        if (saved > 0)
        {
            TempData["Success"] = saved == 1 ? "1 update saved." : $"{saved} updates saved.";
        }

        ViewData[Markings.ViewDataKey] = NeedToKnow.Highest(rows.Select(r => r.Marking));
        return View(
            "Month",
            new MonthlyPage(clock.Today().StartOfMonth(), [.. rows.Where(r => r.Done && !keptById.ContainsKey(r.Id))], outstanding)
        );
    }

    /// <summary>A kept row carries the person's text with the row's current version, so the next save can succeed.</summary>
    private static MonthlyRowForm Refreshed(MonthlyRowForm form, MonthlyRow row)
    {
        form.Version = row.Version;
        return form;
    }
}
