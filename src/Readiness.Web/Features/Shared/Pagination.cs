namespace Readiness.Web.Features.Shared;

public sealed record Pagination(int Page, int PageCount, Func<int, string> UrlFor)
{
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
