namespace Readiness.Web.Features.Shared;

/// <summary>Page links; <paramref name="Label"/> names the navigation where a page has more than one list.</summary>
public sealed record Pagination(int Page, int PageCount, Func<int, string> UrlFor, string Label = "Pages")
{
    /// <summary>How many pages <paramref name="total"/> rows fill; an empty list still has one page.</summary>
    public static int CountPages(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

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
