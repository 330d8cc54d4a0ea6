using System.Collections.Concurrent;
using System.Linq.Expressions;
using LinqKit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Readiness.Core.Data;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Recommendations;

using CompiledPageQuery = Func<
    ReadinessDbContext,
    Guid?,
    string?,
    Guid?,
    string?,
    DeliveryStatus?,
    Guid?,
    string?,
    Rag?,
    int,
    int,
    IAsyncEnumerable<RegisterQuery.CountedRow>
>;

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
        Built(Shape.Of(filter, reader), QueryValues.Of(filter, reader)).Filtered;

    private IQueryable<AssessedRecommendation> Filtered(IQueryable<Recommendation> matching, Shape shape, QueryValues v)
    {
        var assessed = matching.AssessStored(db.StoredStates, MayRead(v));
        if (shape.Rag)
        {
            assessed = assessed.Where(a => a.Rag == v.Rag);
        }

        if (shape.Overdue)
        {
            assessed = assessed.Where(a => a.IsOverdue);
        }

        if (shape.Disagree)
        {
            assessed = assessed.Where(a => a.Disagree);
        }

        return assessed;
    }

    /// <summary>The ids of the filtered rows, to count them: without the stored state when no filter reads it.</summary>
    private static IQueryable<Guid> CountSource(
        IQueryable<Recommendation> matching,
        IQueryable<AssessedRecommendation> filtered,
        Shape shape
    ) => !shape.Rag && !shape.Overdue && !shape.Disagree ? matching.Select(r => r.Id) : filtered.Select(a => a.Recommendation.Id);

    /// <summary>
    /// The filters on the recommendation's own columns and the search. Which filters apply comes from
    /// <paramref name="shape"/>; the values they compare with are read from <paramref name="v"/>, so the same query can
    /// be compiled once with them as parameters (<see cref="CompiledPage"/>).
    /// </summary>
    private IQueryable<Recommendation> Matching(Shape shape, QueryValues v)
    {
        var query = db.Recommendations.AsNoTracking();
        if (shape.Review)
        {
            query = query.Where(r => r.Review!.Code == v.Review);
        }

        if (shape.Theme)
        {
            query = query.Where(r => r.ThemeId == v.Theme);
        }

        if (shape.Agency)
        {
            query = query.Where(r => r.LeadAgency!.Code == v.Agency);
        }

        if (shape.Status)
        {
            query = query.Where(r => r.DeliveryStatus == v.Status);
        }

        if (shape.Monitored)
        {
            query = query.Where(r => r.IsMonitored);
        }

        if (shape.Blocked)
        {
            query = query.Where(RecommendationRules.IsBlocked);
        }

        if (shape.Owner)
        {
            query = query.Where(r => r.OwnerUserId == v.Owner);
        }

        if (shape.Search)
        {
            query = query.Where(Searching(v));
        }

        return query;
    }

    /// <summary>The need-to-know rule (<see cref="NeedToKnow.Rule"/>) for the reader the values hold.</summary>
    private static Expression<Func<Recommendation, bool>> MayRead(QueryValues v)
    {
        Expression<Func<Recommendation, bool>> mayRead = r => NeedToKnow.Rule.Invoke(r, v.Role, v.AgencyId, v.Granted);
        return mayRead.Expand();
    }

    /// <summary>Words the reader may read, or the exact reference (never restricted).</summary>
    private static Expression<Func<Recommendation, bool>> Searching(QueryValues v)
    {
        var mayRead = MayRead(v);
        Expression<Func<Recommendation, bool>> searching = r =>
            (mayRead.Invoke(r) && r.SearchVector!.Matches(EF.Functions.WebSearchToTsQuery("english", v.Search!)))
            || r.Reference == v.Search;
        return searching.Expand();
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

        var (shape, v) = (Shape.Of(filter, reader), QueryValues.Of(filter, reader));
        List<CountedRow> counted;
        if (CompiledPage(shape) is { } compiled)
        {
            counted = await compiled(
                    db,
                    v.AgencyId,
                    v.Review,
                    v.Theme,
                    v.Agency,
                    v.Status,
                    v.Owner,
                    v.Search,
                    v.Rag,
                    (filter.Page - 1) * pageSize,
                    pageSize
                )
                .ToListAsync(cancellationToken);
        }
        else
        {
            // A shape past those kept compiled.
            var (filtered, counting) = Built(shape, v);
            counted = await WithCount(PageQuery(filtered, filter, pageSize), counting).ToListAsync(cancellationToken);
        }

        if (counted.Count > 0 || filter.Page == 1)
        {
            return ([.. counted.Select(c => c.Row)], counted.Count > 0 ? counted[0].Total : 0);
        }

        // A page past the end: how many there are, and the last page if asked for.
        var (register, matchingIds) = Built(shape, v);
        var total = await matchingIds.CountAsync(cancellationToken);
        if (clampToLastPage)
        {
            filter.Page = Pagination.CountPages(total, pageSize);
            return (await PageQuery(register, filter, pageSize).ToListAsync(cancellationToken), total);
        }

        return ([], total);
    }

    /// <summary>The register filtered for the shape and values, and the ids its count counts (<see cref="CountSource"/>).</summary>
    private (IQueryable<AssessedRecommendation> Filtered, IQueryable<Guid> Counting) Built(Shape shape, QueryValues v)
    {
        var matching = Matching(shape, v);
        var filtered = Filtered(matching, shape, v);
        return (filtered, CountSource(matching, filtered, shape));
    }

    internal sealed record CountedRow(RegisterRow Row, int Total);

    /// <summary>
    /// Which of the register's filters are set, its order, and the reader's role and grant: the shape of its query. The
    /// role and grant are constants in it, as in the need-to-know rule each kind of reader otherwise gets, so PostgreSQL's
    /// plan drops the rule for readers it lets read everything (as parameters, PostgreSQL checked it on every row searched).
    /// </summary>
    private sealed record Shape(
        bool Review,
        bool Theme,
        bool Agency,
        bool Status,
        bool Monitored,
        bool Blocked,
        bool Owner,
        bool Search,
        bool Rag,
        bool Overdue,
        bool Disagree,
        string SortKey,
        bool Descending,
        Role Role,
        bool Granted
    )
    {
        public static Shape Of(RegisterFilter f, Reader reader) =>
            new(
                !string.IsNullOrWhiteSpace(f.Review),
                f.Theme is not null,
                !string.IsNullOrWhiteSpace(f.Agency),
                Slugs.Parse<DeliveryStatus>(f.Status) is not null,
                f.Monitored,
                f.Blocked,
                f.Owner is not null,
                !string.IsNullOrWhiteSpace(f.Q),
                Slugs.Parse<Rag>(f.Rag) is not null,
                f.Overdue,
                f.Disagree,
                f.SortKey,
                f.Descending,
                reader.Role,
                reader.HasSensitiveAccess
            );
    }

    /// <summary>The values a register query compares with: the filter's and the reader's (<see cref="NeedToKnow.Rule"/>).</summary>
    private sealed class QueryValues
    {
        public Role Role { get; init; }
        public Guid? AgencyId { get; init; }
        public bool Granted { get; init; }
        public string? Review { get; init; }
        public Guid? Theme { get; init; }
        public string? Agency { get; init; }
        public DeliveryStatus? Status { get; init; }
        public Guid? Owner { get; init; }
        public string? Search { get; init; }
        public Rag? Rag { get; init; }

        /// <summary>The compiled query's parameters, in the order it takes them (<see cref="CompiledPageQuery"/>).</summary>
        public static readonly string[] InOrder =
        [
            nameof(AgencyId),
            nameof(Review),
            nameof(Theme),
            nameof(Agency),
            nameof(Status),
            nameof(Owner),
            nameof(Search),
            nameof(Rag),
        ];

        public static QueryValues Of(RegisterFilter f, Reader reader) =>
            new()
            {
                Role = reader.Role,
                AgencyId = reader.AgencyId,
                Granted = reader.HasSensitiveAccess,
                Review = f.Review,
                Theme = f.Theme,
                Agency = f.Agency,
                Status = Slugs.Parse<DeliveryStatus>(f.Status),
                Owner = f.Owner,
                Search = f.Q?.Trim(),
                Rag = Slugs.Parse<Rag>(f.Rag),
            };
    }

    /// <summary>
    /// A page of the register with the count, as a query compiled once per shape (<see cref="Shape"/>) with the filter's
    /// values and the reader's agency as its parameters. Built for each request, the query's expression and EF Core's
    /// look-up of it were about 40 % of the app's processor time on the register: compiled, 0.57-0.58 ms a request against
    /// 0.96-1.00 (the first page unfiltered), 0.80 against 1.13 (filtered), 0.68-0.74 against 1.00-1.20 (searched); 5,000
    /// recommendations, `wrk` 16 connections after 25 s of warm-up, alternated.
    /// </summary>
    /// <remarks>
    /// At most <see cref="MostShapesCompiled"/> shapes are kept (a handful are used; the query string can ask for many
    /// thousands): past that a page is built each time and EF Core's own cache, which is bounded, keeps its query.
    /// </remarks>
    private CompiledPageQuery? CompiledPage(Shape shape) =>
        CompiledPages.TryGetValue(shape, out var compiled) ? compiled
        : CompiledPages.Count < MostShapesCompiled ? CompiledPages.GetOrAdd(shape, static (s, self) => self.Compile(s), this)
        : null;

    private const int MostShapesCompiled = 256;

    private static readonly ConcurrentDictionary<Shape, CompiledPageQuery> CompiledPages = new();

    /// <summary>Each row of a page with how many rows match in all, counted in the same statement.</summary>
    private static IQueryable<CountedRow> WithCount(IQueryable<RegisterRow> page, IQueryable<Guid> counting) =>
        page.Select(row => new CountedRow(row, counting.Count()));

    private CompiledPageQuery Compile(Shape shape)
    {
        var (filtered, counting) = Built(shape, new QueryValues());
        var sorted = Sorted(filtered, new RegisterFilter { Sort = shape.SortKey, Dir = shape.Descending ? "desc" : null });
        var (skip, take) = (Expression.Parameter(typeof(int), "skip"), Expression.Parameter(typeof(int), "take"));
        var paged = sorted.Provider.CreateQuery<AssessedRecommendation>(
            Expression.Call(
                typeof(Queryable),
                nameof(Queryable.Take),
                [typeof(AssessedRecommendation)],
                Expression.Call(typeof(Queryable), nameof(Queryable.Skip), [typeof(AssessedRecommendation)], sorted.Expression, skip),
                take
            )
        );
        var row = Expression.Parameter(typeof(RegisterRow), "row");
        var count = Expression.Call(typeof(Queryable), nameof(Queryable.Count), [typeof(Guid)], counting.Expression);
        var counted = Expression.Call(
            typeof(Queryable),
            nameof(Queryable.Select),
            [typeof(RegisterRow), typeof(CountedRow)],
            Project(paged).Expression,
            Expression.Quote(Expression.Lambda(Expression.New(typeof(CountedRow).GetConstructors()[0], row, count), row))
        );
        var context = Expression.Parameter(typeof(ReadinessDbContext), "db");
        var parameters = QueryValues
            .InOrder.Select(name => Expression.Parameter(typeof(QueryValues).GetProperty(name)!.PropertyType, name))
            .ToList();
        var values = parameters.ToDictionary(p => p.Name!, Expression (p) => p);
        values[nameof(QueryValues.Role)] = Expression.Constant(shape.Role);
        values[nameof(QueryValues.Granted)] = Expression.Constant(shape.Granted);
        var body = new ValuesAsParameters(values).Visit(counted);
        return EF.CompileAsyncQuery(
            Expression.Lambda<
                Func<
                    ReadinessDbContext,
                    Guid?,
                    string?,
                    Guid?,
                    string?,
                    DeliveryStatus?,
                    Guid?,
                    string?,
                    Rag?,
                    int,
                    int,
                    IQueryable<CountedRow>
                >
            >(body, [context, .. parameters, skip, take])
        );
    }

    /// <summary>
    /// Puts the compiled query's parameters (and the shape's constants) where the query read the placeholder values, and
    /// detaches its tables from the context it was built on.
    /// </summary>
    private sealed class ValuesAsParameters(Dictionary<string, Expression> values) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Member.DeclaringType == typeof(QueryValues) ? values[node.Member.Name] : base.VisitMember(node);

        protected override Expression VisitExtension(Expression node) =>
            node is QueryRootExpression root ? root.DetachQueryProvider() : base.VisitExtension(node);
    }

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
