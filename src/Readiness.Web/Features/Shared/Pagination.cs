using Microsoft.EntityFrameworkCore;

namespace Readiness.Web.Features.Shared;

/// <summary>Page links; <paramref name="Label"/> names the navigation where a page has more than one list.</summary>
public sealed record Pagination(int Page, int PageCount, Func<int, string> UrlFor, string Label = "Pages")
{
    /// <summary>How many pages <paramref name="total"/> rows fill; an empty list still has one page.</summary>
    public static int CountPages(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    /// <summary>Counts the list, then reads the page asked for; a page past either end reads the nearest there is.</summary>
    public static async Task<ListPage<T>> ReadPageAsync<T>(
        int requested,
        int pageSize,
        Func<Task<int>> count,
        Func<int, Task<IReadOnlyList<T>>> readFrom
    )
    {
        var total = await count();
        var pageCount = CountPages(total, pageSize);
        var page = Math.Clamp(requested, 1, pageCount);
        return new ListPage<T>(await readFrom((page - 1) * pageSize), total, page, pageCount, pageSize);
    }

    /// <summary>The page asked for of an ordered query, counted first; a page past either end reads the nearest there is.</summary>
    public static Task<ListPage<T>> ReadPageAsync<T>(
        IQueryable<T> ordered,
        int requested,
        int pageSize,
        CancellationToken cancellationToken
    ) =>
        ReadPageAsync<T>(
            requested,
            pageSize,
            () => ordered.CountAsync(cancellationToken),
            async skip => await ordered.Skip(skip).Take(pageSize).ToListAsync(cancellationToken)
        );

    /// <summary>The page numbers to show: first, last and two either side of the current page.</summary>
    public IEnumerable<int?> Items()
    {
        int? previous = null;
        for (var page = 1; page <= PageCount; page++)
        {
            if (page == 1 || page == PageCount || Math.Abs(page - Page) <= 2)
            {
                if (previous is { } p && page - p > 1)
                {
                    yield return null;
                }

                yield return page;
                previous = page;
            }
        }
    }
}

/// <summary>One page of a list out of <paramref name="Total"/>, for a page that shows a long list a part at a time.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageCount, int PageSize)
{
    public int First => (Page - 1) * PageSize + 1;

    public int Last => First + Items.Count - 1;

    /// <summary>Which of the list the page shows: "Showing 11 to 20 of 42 progress updates".</summary>
    public string Showing(string what) => $"Showing {First} to {Last} of {Total} {what}";
}
