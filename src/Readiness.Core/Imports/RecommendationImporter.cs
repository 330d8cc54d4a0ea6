using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;

namespace Readiness.Core.Imports;

public sealed record ImportProblem(int Row, string Column, string Message);

public enum ImportOutcome
{
    Create,
    Update,
    Unchanged,
}

public sealed record PlannedRow(int Row, string Review, string Reference, string Title, ImportOutcome Outcome);

public sealed record ImportPlan(IReadOnlyList<ImportProblem> Problems, IReadOnlyList<PlannedRow> Rows)
{
    public bool CanApply => Problems.Count == 0;

    public int Count(ImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}

/// <summary>
/// Checks every row of an import against the reviews, themes and agencies, and applies all rows or none. A row whose
/// review already has its reference updates that recommendation, so importing the same file twice changes nothing.
/// </summary>
public sealed partial class RecommendationImporter(ReadinessDbContext db)
{
    public Task<ImportPlan> PlanAsync(IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken) =>
        RunAsync(rows, apply: false, cancellationToken);

    /// <summary>Applies every row in one transaction when no row has a problem; otherwise changes nothing.</summary>
    public Task<ImportPlan> ApplyAsync(IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken) =>
        RunAsync(rows, apply: true, cancellationToken);

    private async Task<ImportPlan> RunAsync(IReadOnlyList<ImportRow> rows, bool apply, CancellationToken cancellationToken)
    {
        var reviews = await db.Reviews.AsNoTracking().Select(r => new { r.Id, r.Code }).ToListAsync(cancellationToken);
        var reviewIds = reviews.ToDictionary(r => r.Code, r => r.Id, StringComparer.OrdinalIgnoreCase);
        var themes = (
            await db
                .Themes.AsNoTracking()
                .Select(t => new
                {
                    t.Id,
                    t.ReviewId,
                    t.Name,
                })
                .ToListAsync(cancellationToken)
        ).ToLookup(t => t.ReviewId);
        var agencies = await db
            .Agencies.AsNoTracking()
            .Select(a => new
            {
                a.Id,
                a.Code,
                a.Name,
            })
            .ToListAsync(cancellationToken);
        var agencyIds = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var agency in agencies)
        {
            agencyIds[agency.Name] = agency.Id;
            agencyIds[agency.Code] = agency.Id;
        }

        var references = rows.Select(r => r.Get(ImportFile.Reference)).Where(r => r.Length > 0).Distinct().ToList();
        var existingQuery = db.Recommendations.Include(r => r.SupportingAgencies).Where(r => references.Contains(r.Reference));
        var existing = (
            apply ? await existingQuery.ToListAsync(cancellationToken) : await existingQuery.AsNoTracking().ToListAsync(cancellationToken)
        ).ToDictionary(r => (r.ReviewId, r.Reference));

        var problems = new List<ImportProblem>();
        var planned = new List<PlannedRow>();
        var seen = new Dictionary<(Guid, string), int>();
        foreach (var row in rows)
        {
            var rowProblems = new List<ImportProblem>();
            void Problem(string column, string message) => rowProblems.Add(new ImportProblem(row.Number, column, message));

            var reviewCode = row.Get(ImportFile.Review);
            Guid reviewId = default;
            if (reviewCode.Length == 0)
            {
                Problem(ImportFile.Review, "Enter the review's code, such as " + (reviews.FirstOrDefault()?.Code ?? "2022"));
            }
            else if (!reviewIds.TryGetValue(reviewCode, out reviewId))
            {
                Problem(
                    ImportFile.Review,
                    $"There is no review with the code \"{reviewCode}\". Add the review first, or use one of: "
                        + $"{string.Join(", ", reviews.Select(r => r.Code))}"
                );
            }

            var reference = row.Get(ImportFile.Reference);
            if (reference.Length == 0)
            {
                Problem(ImportFile.Reference, "Enter the reference");
            }
            else if (!ReferencePattern().IsMatch(reference))
            {
                Problem(
                    ImportFile.Reference,
                    $"\"{reference}\" is not a reference: use 1 to 32 letters, numbers, dots, slashes or hyphens, like 2022-014"
                );
            }
            else if (reviewId != default && !seen.TryAdd((reviewId, reference.ToUpperInvariant()), row.Number))
            {
                Problem(
                    ImportFile.Reference,
                    $"{reference} appears twice in the file: row {seen[(reviewId, reference.ToUpperInvariant())]} has it too"
                );
            }

            var title = Required(row, ImportFile.Title, 400, "the title", Problem);
            var text = Required(row, ImportFile.Text, 8000, "the text of the recommendation", Problem);

            Guid? themeId = null;
            var themeName = row.Get(ImportFile.Theme);
            if (themeName.Length > 0 && reviewId != default)
            {
                themeId = themes[reviewId].FirstOrDefault(t => t.Name.Equals(themeName, StringComparison.OrdinalIgnoreCase))?.Id;
                if (themeId is null)
                {
                    Problem(
                        ImportFile.Theme,
                        $"Review {reviewCode} has no theme \"{themeName}\". Its themes are: "
                            + $"{string.Join(", ", themes[reviewId].Select(t => t.Name).Order())}"
                    );
                }
            }

            var leadName = row.Get(ImportFile.LeadAgency);
            Guid leadId = default;
            if (leadName.Length == 0)
            {
                Problem(ImportFile.LeadAgency, "Enter the lead agency's code or name");
            }
            else if (!agencyIds.TryGetValue(leadName, out leadId))
            {
                Problem(
                    ImportFile.LeadAgency,
                    $"There is no agency \"{leadName}\". Use an agency's code or name as the agencies page shows it"
                );
            }

            var supporting = new HashSet<Guid>();
            foreach (
                var name in row.Get(ImportFile.SupportingAgencies)
                    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            )
            {
                if (agencyIds.TryGetValue(name, out var id))
                {
                    supporting.Add(id);
                }
                else
                {
                    Problem(
                        ImportFile.SupportingAgencies,
                        $"There is no agency \"{name}\". Separate agencies with semicolons, using their codes or names"
                    );
                }
            }

            supporting.Remove(leadId);
            var target = Date(row, Problem);
            var priority = Choice(
                row,
                ImportFile.Priority,
                Recommendations.Priority.Medium,
                Problem,
                ("High", Recommendations.Priority.High),
                ("Medium", Recommendations.Priority.Medium),
                ("Low", Recommendations.Priority.Low)
            );
            var monitored = Choice(row, ImportFile.Monitored, false, Problem, ("Yes", true), ("No", false));
            var marking = Choice(
                row,
                ImportFile.Marking,
                ProtectiveMarking.Official,
                Problem,
                ("OFFICIAL", ProtectiveMarking.Official),
                ("OFFICIAL-SENSITIVE", ProtectiveMarking.OfficialSensitive)
            );
            var publishable = Choice(row, ImportFile.Publishable, false, Problem, ("Yes", true), ("No", false));
            var details = new RecommendationDetails(
                reviewId,
                reference,
                themeId,
                title,
                text,
                leadId,
                supporting,
                priority,
                monitored,
                marking,
                publishable,
                target
            );
            if (details.BreaksPublishingRule)
            {
                Problem(
                    ImportFile.Publishable,
                    $"{RecommendationDetails.PublishingRuleMessage}: set Publishable to No or the marking to OFFICIAL"
                );
            }

            existing.TryGetValue((reviewId, reference), out var current);
            if (current is not null && target is { } date && current.CurrentTargetDate is { } currentDate && currentDate != date)
            {
                Problem(
                    ImportFile.TargetDate,
                    $"{reference} already has the target date {currentDate:d MMMM yyyy}. Change it with a target date request on the "
                        + $"recommendation's page, or leave the cell as it was"
                );
            }

            problems.AddRange(rowProblems);
            if (rowProblems.Count > 0)
            {
                continue;
            }

            var outcome =
                current is null ? ImportOutcome.Create
                : details.Differs(current) ? ImportOutcome.Update
                : ImportOutcome.Unchanged;
            planned.Add(new PlannedRow(row.Number, reviewCode, reference, title, outcome));
            if (apply && outcome != ImportOutcome.Unchanged)
            {
                var recommendation =
                    current
                    ?? db.Recommendations.Add(
                        new Recommendation
                        {
                            Reference = reference,
                            Title = title,
                            Text = text,
                        }
                    ).Entity;
                details.ApplyTo(recommendation);
            }
        }

        var plan = new ImportPlan(problems, planned);
        if (apply && plan.CanApply)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            db.ChangeTracker.Clear();
        }

        return plan;
    }

    private static string Required(ImportRow row, string column, int maxLength, string what, Action<string, string> problem)
    {
        var value = row.Get(column);
        if (value.Length == 0)
        {
            problem(column, $"Enter {what}");
        }
        else if (value.Length > maxLength)
        {
            problem(
                column,
                $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {maxLength:N0} characters or fewer; it has {value.Length:N0}"
            );
        }

        return value;
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d MMMM yyyy", "d MMM yyyy"];

    private static DateOnly? Date(ImportRow row, Action<string, string> problem)
    {
        var value = row.Get(ImportFile.TargetDate);
        if (value.Length == 0)
        {
            return null;
        }

        if (
            DateOnly.TryParseExact(value, DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2100
        )
        {
            return date;
        }

        problem(ImportFile.TargetDate, $"\"{value}\" is not a date. Write it as 2027-03-31 or 31/03/2027");
        return null;
    }

    private static T Choice<T>(
        ImportRow row,
        string column,
        T blank,
        Action<string, string> problem,
        params (string Text, T Value)[] choices
    )
    {
        var value = row.Get(column);
        if (value.Length == 0)
        {
            return blank;
        }

        foreach (var (text, choice) in choices)
        {
            if (text.Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        problem(column, $"\"{value}\" is not allowed here. Use {string.Join(" or ", choices.Select(c => c.Text))}, or leave it blank");
        return blank;
    }

    [GeneratedRegex("^[A-Za-z0-9./-]{1,32}$")]
    private static partial Regex ReferencePattern();
}
