using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Readiness.Core.Data;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// Whether the database holds demonstration data, so every page can say so. Cached briefly: it changes only when data is seeded or removed.
/// </summary>
public sealed class SampleDataNotice(ReadinessDbContext db, IMemoryCache cache)
{
    public async Task<bool> IsShownAsync() =>
        await cache.GetOrCreateAsync(
            "sample-data-present",
            entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
                return db.Reviews.AnyAsync(r => r.IsSampleData);
            }
        );
}
