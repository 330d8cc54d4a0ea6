using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Readiness.Web.Features.Shared;

/// <summary>
/// The one behaviour for a lost race: every edit carries the row's <c>xmin</c>; when someone else saved first, the
/// page is shown again with the person's input kept and one message, or, where a page cannot be shown again, a 409
/// page that says nothing was saved.
/// </summary>
public static class ConcurrencyMessage
{
    public const string Text =
        "Someone else saved a change to this while you were editing it. Their change is shown on the page; what you entered is still in "
        + "the form. Check it and save again.";

    public const string NothingSaved =
        "Someone else changed this while you were looking at it. Nothing you entered was saved: go back, check it and try again.";

    /// <summary>Saves; false (with <see cref="Text"/> against <paramref name="field"/>) when someone else saved first.</summary>
    public static async Task<bool> TrySaveAsync(
        this ModelStateDictionary modelState,
        DbContext db,
        string field,
        CancellationToken cancellationToken
    )
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            modelState.AddModelError(field, Text);
            return false;
        }
    }

    /// <summary>
    /// Makes <paramref name="change"/> to a recommendation the form was opened at <paramref name="version"/> of, and saves.
    /// Null when saved; when someone else saved first, the recommendation as it now is (message against
    /// <paramref name="field"/>), for showing the form again over it with the person's input kept.
    /// </summary>
    public static async Task<Core.Recommendations.Recommendation?> TryChangeAsync(
        this ModelStateDictionary modelState,
        Core.Data.ReadinessDbContext db,
        Core.Recommendations.Recommendation recommendation,
        uint version,
        Action<Core.Recommendations.Recommendation> change,
        string field,
        CancellationToken cancellationToken
    )
    {
        db.Entry(recommendation).Property(r => r.Version).OriginalValue = version;
        change(recommendation);
        return await modelState.TrySaveAsync(db, field, cancellationToken)
            ? null
            : await db.Recommendations.AsNoTracking().SingleAsync(r => r.Id == recommendation.Id, cancellationToken);
    }

    /// <summary>Saves; false when someone else saved first, for an action that answers with a conflict page instead.</summary>
    public static async Task<bool> TrySaveAsync(this DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
