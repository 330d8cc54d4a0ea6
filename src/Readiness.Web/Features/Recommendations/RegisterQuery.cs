using System.Linq.Expressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Recommendations;

/// <summary>The register's filters, exactly as they appear in the query string, so a filtered view can be bookmarked and shared.</summary>
public sealed class RegisterFilter
{
    [FromQuery(Name = "review")]
    public string? Review { get; set; }

    [FromQuery(Name = "theme")]
    public Guid? Theme { get; set; }

    [FromQuery(Name = "agency")]
    public string? Agency { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "rag")]
    public string? Rag { get; set; }

    [FromQuery(Name = "overdue")]
    public bool Overdue { get; set; }

    [FromQuery(Name = "monitored")]
    public bool Monitored { get; set; }

    /// <summary>Only where the agency's and the programme office's RAG differ.</summary>
    [FromQuery(Name = "disagree")]
    public bool Disagree { get; set; }

    /// <summary>Only those marked not progressing.</summary>
    [FromQuery(Name = "blocked")]
    public bool Blocked { get; set; }

    [FromQuery(Name = "owner")]
    public Guid? Owner { get; set; }

    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    [FromQuery(Name = "dir")]
    public string? Dir { get; set; }

    [FromQuery(Name = "page")]
    public int Page { get; set; } = 1;

    [BindNever]
    public bool Descending => Dir == "desc";

    [BindNever]
    public string SortKey => Sort is "title" or "agency" or "status" or "rag" or "target" or "slippage" ? Sort : "reference";

    [BindNever]
    public bool IsFiltered =>
        Review is not null
        || Theme is not null
        || Agency is not null
        || Status is not null
        || Rag is not null
        || Overdue
        || Monitored
        || Disagree
        || Blocked
        || Owner is not null
        || !string.IsNullOrWhiteSpace(Q);

    /// <summary>The query string for this filter with some values changed: for sort links, paging and the export.</summary>
    public string ToQuery(string? sort = null, string? dir = null, int? page = null)
    {
        var pairs = new List<(string, string?)>
        {
            ("review", Review),
            ("theme", Theme?.ToString()),
            ("agency", Agency),
            ("status", Status),
            ("rag", Rag),
            ("overdue", Overdue ? "true" : null),
            ("monitored", Monitored ? "true" : null),
            ("disagree", Disagree ? "true" : null),
            ("blocked", Blocked ? "true" : null),
            ("owner", Owner?.ToString()),
            ("q", string.IsNullOrWhiteSpace(Q) ? null : Q.Trim()),
            ("sort", sort ?? Sort),
            ("dir", dir ?? Dir),
            ("page", (page ?? Page) > 1 ? (page ?? Page).ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        };
        var query = string.Join(
            "&",
            pairs.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}")
        );
        return query.Length == 0 ? "" : "?" + query;
    }
}

/// <summary>A register row; <c>Title</c> and <c>Owner</c> are null when the reader may not read it (<see cref="NeedToKnow"/>).</summary>
public sealed record RegisterRow(
    Guid Id,
    string Reference,
    string ReviewCode,
    string? Title,
    string LeadAgency,
    DeliveryStatus Status,
    Rag? Rag,
    Rag? AssuredRag,
    DateOnly? OriginalTargetDate,
    DateOnly? TargetDate,
    bool IsOverdue,
    string? Owner,
    ProtectiveMarking Marking,
    bool IsBlocked
)
{
    public bool IsRestricted => Title is null;

    public int? SlippageDays => OriginalTargetDate is { } o && TargetDate is { } c ? c.DayNumber - o.DayNumber : null;
}

public sealed record ExportRow(
    string Reference,
    string Review,
    string? Theme,
    string Title,
    string LeadAgency,
    string SupportingAgencies,
    ResponseStatus Response,
    DeliveryStatus Status,
    Rag? Rag,
    string? RagReason,
    Rag? AssuredRag,
    string? AssuredRagReason,
    Priority Priority,
    bool Monitored,
    DateOnly? OriginalTargetDate,
    DateOnly? TargetDate,
    string? Owner,
    ProtectiveMarking Marking,
    BlockerKind? Blocker,
    string? BlockerNote
);

/// <summary>
/// Builds the register's query on the server: filters, full-text search, sorting and paging in one SQL statement. RAG
/// and "overdue" are read from the stored state (<see cref="StoredState"/>), so filtering and sorting by them, and the
/// default order, are index reads rather than the rules worked out over every milestone.
/// </summary>
public sealed class RegisterQuery(ReadinessDbContext db, StoredStates states)
{
    public const int PageSize = 25;

    /// <summary>The register as <paramref name="reader"/> may see it: a search matches only words they may read.</summary>
    public IQueryable<AssessedRecommendation> Filtered(RegisterFilter filter, Reader reader) =>
        Filtered(Matching(filter, reader), filter, reader);

    private IQueryable<AssessedRecommendation> Filtered(IQueryable<Recommendation> matching, RegisterFilter filter, Reader reader)
    {
        var assessed = matching.AssessStored(db.StoredStates, reader);
        if (Slugs.Parse<Rag>(filter.Rag) is { } rag)
        {
            assessed = assessed.Where(a => a.Rag == rag);
        }

        if (filter.Overdue)
        {
            assessed = assessed.Where(a => a.IsOverdue);
        }

        if (filter.Disagree)
        {
            assessed = assessed.Where(a => a.Disagree);
        }

        return assessed;
    }

    /// <summary>The ids of the filtered rows, to count them: without the stored state when no filter reads it.</summary>
    private static IQueryable<Guid> CountSource(
        IQueryable<Recommendation> matching,
        IQueryable<AssessedRecommendation> filtered,
        RegisterFilter filter
    ) =>
        Slugs.Parse<Rag>(filter.Rag) is null && !filter.Overdue && !filter.Disagree
            ? matching.Select(r => r.Id)
            : filtered.Select(a => a.Recommendation.Id);

    /// <summary>The filters on the recommendation's own columns and the search.</summary>
    private IQueryable<Recommendation> Matching(RegisterFilter filter, Reader reader)
    {
        var query = db.Recommendations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Review))
        {
            query = query.Where(r => r.Review!.Code == filter.Review);
        }

        if (filter.Theme is { } theme)
        {
            query = query.Where(r => r.ThemeId == theme);
        }

        if (!string.IsNullOrWhiteSpace(filter.Agency))
        {
            query = query.Where(r => r.LeadAgency!.Code == filter.Agency);
        }

        if (Slugs.Parse<DeliveryStatus>(filter.Status) is { } status)
        {
            query = query.Where(r => r.DeliveryStatus == status);
        }

        if (filter.Monitored)
        {
            query = query.Where(r => r.IsMonitored);
        }

        if (filter.Blocked)
        {
            query = query.Where(RecommendationRules.IsBlocked);
        }

        if (filter.Owner is { } owner)
        {
            query = query.Where(r => r.OwnerUserId == owner);
        }

        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            query = query.Where(Searching(filter.Q.Trim(), reader));
        }

        return query;
    }

    /// <summary>
    /// Words the reader may read, or the exact reference (never restricted). Put together from the reader's need-to-know
    /// predicate rather than expanded with LinqKit, which took about 40 µs a search (put together: 19 µs).
    /// </summary>
    private static Expression<Func<Recommendation, bool>> Searching(string text, Reader reader)
    {
        var mayRead = NeedToKnow.MayRead(reader);
        Expression<Func<Recommendation, bool>> words = r => r.SearchVector!.Matches(EF.Functions.WebSearchToTsQuery("english", text));
        Expression<Func<Recommendation, bool>> reference = r => r.Reference == text;
        var recommendation = mayRead.Parameters[0];
        Expression On(Expression<Func<Recommendation, bool>> predicate) =>
            ReplacingExpressionVisitor.Replace(predicate.Parameters[0], recommendation, predicate.Body);
        return Expression.Lambda<Func<Recommendation, bool>>(
            Expression.OrElse(Expression.AndAlso(mayRead.Body, On(words)), On(reference)),
            recommendation
        );
    }

    /// <summary>
    /// A page of the register and how many rows match in all. A screen moves a page past the end back onto the last
    /// (<paramref name="clampToLastPage"/>); the API does not, so a client paging on finds an empty page where the list ends.
    /// The total comes with the page, in the same statement (PostgreSQL counts once for all the rows); only a page past the
    /// end, which has no rows to carry it, is counted on its own.
    /// </summary>
    public async Task<(IReadOnlyList<RegisterRow> Rows, int Total)> PageAsync(
        RegisterFilter filter,
        DateOnly today,
        Reader reader,
        int pageSize,
        bool clampToLastPage,
        CancellationToken cancellationToken
    )
    {
        await states.EnsureCurrentAsync(today, cancellationToken);
        if (clampToLastPage)
        {
            // Within what the offset can hold until the count says where the list ends.
            filter.Page = Math.Clamp(filter.Page, 1, int.MaxValue / pageSize);
        }

        // Built once, for the page and its count.
        var matching = Matching(filter, reader);
        var filtered = Filtered(matching, filter, reader);
        var counting = CountSource(matching, filtered, filter);
        var counted = await PageQuery(filtered, filter, pageSize)
            .Select(row => new CountedRow(row, counting.Count()))
            .ToListAsync(cancellationToken);
        if (counted.Count > 0 || filter.Page == 1)
        {
            return ([.. counted.Select(c => c.Row)], counted.Count > 0 ? counted[0].Total : 0);
        }

        var total = await counting.CountAsync(cancellationToken);
        if (clampToLastPage)
        {
            filter.Page = Pagination.CountPages(total, pageSize);
            return (await PageQuery(filtered, filter, pageSize).ToListAsync(cancellationToken), total);
        }

        return ([], total);
    }

    private sealed record CountedRow(RegisterRow Row, int Total);

    private static IQueryable<RegisterRow> PageQuery(IQueryable<AssessedRecommendation> filtered, RegisterFilter filter, int pageSize) =>
        Project(Sorted(filtered, filter).Skip((filter.Page - 1) * pageSize).Take(pageSize));

    /// <summary>The register rows of these recommendations, as <paramref name="reader"/> may see them.</summary>
    public async Task<IReadOnlyList<RegisterRow>> RowsAsync(
        IReadOnlyCollection<Guid> ids,
        DateOnly today,
        Reader reader,
        CancellationToken cancellationToken
    )
    {
        await states.EnsureCurrentAsync(today, cancellationToken);
        return await Project(db.Recommendations.AsNoTracking().Where(r => ids.Contains(r.Id)).AssessStored(db.StoredStates, reader))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The highest marking among the rows the reader may read in full: what an export of this filter must carry.</summary>
    public async Task<ProtectiveMarking> HighestMarkingAsync(
        RegisterFilter filter,
        DateOnly today,
        Reader reader,
        CancellationToken cancellationToken
    )
    {
        await states.EnsureCurrentAsync(today, cancellationToken);
        return await Filtered(filter, reader)
            .AnyAsync(a => !a.IsRestricted && a.Recommendation.Marking == ProtectiveMarking.OfficialSensitive, cancellationToken)
            ? ProtectiveMarking.OfficialSensitive
            : ProtectiveMarking.Official;
    }

    /// <summary>Every row of the filter for the CSV and Excel exports, streamed.</summary>
    public async IAsyncEnumerable<ExportRow> ExportAsync(
        RegisterFilter filter,
        DateOnly today,
        Reader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default
    )
    {
        await states.EnsureCurrentAsync(today, cancellationToken);
        await foreach (var row in ExportQuery(filter, reader).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private IQueryable<ExportRow> ExportQuery(RegisterFilter filter, Reader reader) =>
        Filtered(filter, reader)
            .OrderBy(a => a.Recommendation.Review!.PublishedOn)
            .ThenBy(a => a.Recommendation.Reference)
            .Select(a => new ExportRow(
                a.Recommendation.Reference,
                a.Recommendation.Review!.Code,
                a.Recommendation.Theme == null ? null : a.Recommendation.Theme.Name,
                a.IsRestricted ? NeedToKnow.RestrictedText : a.Recommendation.Title,
                a.Recommendation.LeadAgency!.Name,
                string.Join("; ", a.Recommendation.SupportingAgencies.Select(s => s.Agency!.Name)),
                a.Recommendation.Response,
                a.Recommendation.DeliveryStatus,
                a.Rag,
                a.IsRestricted ? null : a.Recommendation.RagReason,
                a.AssuredRag,
                a.IsRestricted ? null : a.Recommendation.AssuredRagReason,
                a.Recommendation.Priority,
                a.Recommendation.IsMonitored,
                a.Recommendation.OriginalTargetDate,
                a.Recommendation.CurrentTargetDate,
                a.IsRestricted || a.Recommendation.Owner == null ? null : a.Recommendation.Owner.DisplayName,
                a.Recommendation.Marking,
                a.IsBlocked ? a.Recommendation.Blocker : null,
                a.IsBlocked && !a.IsRestricted ? a.Recommendation.BlockerNote : null
            ));

    private static IQueryable<RegisterRow> Project(IQueryable<AssessedRecommendation> query) =>
        query.Select(a => new RegisterRow(
            a.Recommendation.Id,
            a.Recommendation.Reference,
            a.Recommendation.Review!.Code,
            a.IsRestricted ? null : a.Recommendation.Title,
            a.Recommendation.LeadAgency!.Name,
            a.Recommendation.DeliveryStatus,
            a.Rag,
            a.AssuredRag,
            a.Recommendation.OriginalTargetDate,
            a.Recommendation.CurrentTargetDate,
            a.IsOverdue,
            a.IsRestricted || a.Recommendation.Owner == null ? null : a.Recommendation.Owner.DisplayName,
            a.Recommendation.Marking,
            a.IsBlocked
        ));

    public static IQueryable<AssessedRecommendation> Sorted(IQueryable<AssessedRecommendation> rows, RegisterFilter filter)
    {
        var desc = filter.Descending;
        var sorted = filter.SortKey switch
        {
            "title" => desc ? rows.OrderByDescending(a => a.Recommendation.Title) : rows.OrderBy(a => a.Recommendation.Title),
            "agency" => desc
                ? rows.OrderByDescending(a => a.Recommendation.LeadAgency!.Name)
                : rows.OrderBy(a => a.Recommendation.LeadAgency!.Name),
            "status" => desc ? rows.OrderByDescending(StatusOrder) : rows.OrderBy(StatusOrder),
            "rag" => desc ? rows.OrderByDescending(RagOrder) : rows.OrderBy(RagOrder),
            "target" => desc
                ? rows.OrderByDescending(a => a.Recommendation.CurrentTargetDate)
                : rows.OrderBy(a => a.Recommendation.CurrentTargetDate),
            "slippage" => desc
                ? rows.OrderByDescending(a => a.Recommendation.SlippageDays)
                : rows.OrderBy(a => a.Recommendation.SlippageDays),
            _ => desc ? rows.OrderByDescending(a => a.State!.ReviewCode) : rows.OrderBy(a => a.State!.ReviewCode),
        };
        return desc && filter.SortKey == "reference"
            ? sorted.ThenByDescending(a => a.State!.Reference)
            : sorted.ThenBy(a => a.State!.Reference);
    }

    // Enums are stored as words; the board's order is not alphabetical.
    private static readonly System.Linq.Expressions.Expression<Func<AssessedRecommendation, int>> StatusOrder = a =>
        a.Recommendation.DeliveryStatus == DeliveryStatus.NotStarted ? 0
        : a.Recommendation.DeliveryStatus == DeliveryStatus.InProgress ? 1
        : a.Recommendation.DeliveryStatus == DeliveryStatus.ClosureProposed ? 2
        : a.Recommendation.DeliveryStatus == DeliveryStatus.Complete ? 3
        : 4;

    private static readonly System.Linq.Expressions.Expression<Func<AssessedRecommendation, int>> RagOrder = a =>
        a.Rag == Core.Recommendations.Rag.Red ? 0
        : a.Rag == Core.Recommendations.Rag.Amber ? 1
        : a.Rag == Core.Recommendations.Rag.Green ? 2
        : 3;
}
