using LinqKit;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Users;

namespace Readiness.Core.Recommendations;

/// <summary>One recommendation on an agency's monthly update page, as it stands now.</summary>
public sealed record MonthlyRow(
    Guid Id,
    string Reference,
    string Title,
    ProtectiveMarking Marking,
    bool Leads,
    DeliveryStatus Status,
    Rag? Rag,
    string? RagReason,
    uint Version,
    DateOnly? UpdatedThisMonthOn,
    string? LastNarrative,
    DateOnly? LastPostedOn
)
{
    public bool Done => UpdatedThisMonthOn is not null;

    /// <summary>"No change" repeats the current RAG, so it needs one.</summary>
    public bool MayReportNoChange => Rag is not null;
}

/// <summary>What a person entered for one row: an update, or "no change this month".</summary>
public sealed record MonthlyEntry(Guid Id, uint Version, bool NoChange, DeliveryStatus Status, Rag Rag, string RagReason, string Narrative);

public enum MonthlyOutcome
{
    Saved,
    Conflict,
    NotBeingDelivered,
}

/// <summary>
/// The monthly update page's rows and its save: every recommendation an agency leads or supports that is being
/// delivered, and each entry saved as its own progress update, so a conflict on one row leaves the others saved.
/// </summary>
public sealed class MonthlyUpdates(ReadinessDbContext db, TimeProvider clock)
{
    public const string NoChangeNarrative = "No change this month.";

    public async Task<IReadOnlyList<MonthlyRow>> RowsAsync(Reader reader, CancellationToken cancellationToken)
    {
        if (reader.AgencyId is not { } agencyId)
        {
            return [];
        }

        var period = clock.Today().StartOfMonth();
        var rows = await db
            .Recommendations.AsNoTracking()
            .AsExpandable()
            .Where(r => r.LeadAgencyId == agencyId || r.SupportingAgencies.Any(s => s.AgencyId == agencyId))
            .Where(r => RecommendationRules.IsBeingDelivered.Invoke(r) && NeedToKnow.MayRead(reader).Invoke(r))
            .OrderBy(r => r.Reference)
            .Select(r => new
            {
                r.Id,
                r.Reference,
                r.Title,
                r.Marking,
                Leads = r.LeadAgencyId == agencyId,
                r.DeliveryStatus,
                r.Rag,
                r.RagReason,
                r.Version,
                Last = r
                    .ProgressUpdates.OrderByDescending(p => p.PostedAt)
                    .Select(p => new
                    {
                        p.Narrative,
                        p.PostedAt,
                        p.ReportingPeriod,
                    })
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
            {
                DateOnly? lastOn = r.Last is null ? null : LondonTime.DateOf(r.Last.PostedAt);
                return new MonthlyRow(
                    r.Id,
                    r.Reference,
                    r.Title,
                    r.Marking,
                    r.Leads,
                    r.DeliveryStatus,
                    r.Rag,
                    r.RagReason,
                    r.Version,
                    r.Last is { } last && last.ReportingPeriod >= period ? lastOn : null,
                    r.Last?.Narrative,
                    lastOn
                );
            })
            .ToList();
    }

    /// <summary>
    /// Saves each entry on its own. The caller has checked that the person may change each recommendation; this checks
    /// that each is still being delivered and that nobody else saved it since the page was drawn.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, MonthlyOutcome>> SaveAsync(
        IReadOnlyList<MonthlyEntry> entries,
        Guid authorUserId,
        CancellationToken cancellationToken
    )
    {
        var ids = entries.Select(e => e.Id).ToList();
        var recommendations = await db.Recommendations.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var outcomes = new Dictionary<Guid, MonthlyOutcome>();
        foreach (var entry in entries)
        {
            var recommendation = recommendations[entry.Id];
            if (!RecommendationRules.BeingDelivered(recommendation))
            {
                outcomes[entry.Id] = MonthlyOutcome.NotBeingDelivered;
                continue;
            }

            db.Entry(recommendation).Property(r => r.Version).OriginalValue = entry.Version;
            recommendation.PostUpdate(
                entry.NoChange ? NoChangeNarrative : entry.Narrative,
                entry.NoChange ? recommendation.DeliveryStatus : entry.Status,
                entry.NoChange ? recommendation.Rag ?? entry.Rag : entry.Rag,
                entry.NoChange ? recommendation.RagReason ?? NoChangeNarrative : entry.RagReason,
                authorUserId,
                clock.GetUtcNow(),
                clock.Today()
            );
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                outcomes[entry.Id] = MonthlyOutcome.Saved;
            }
            catch (DbUpdateConcurrencyException)
            {
                foreach (var pending in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
                {
                    pending.State = EntityState.Detached;
                }

                outcomes[entry.Id] = MonthlyOutcome.Conflict;
            }
        }

        return outcomes;
    }
}
