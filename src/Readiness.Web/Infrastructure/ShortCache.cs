using Microsoft.Extensions.Caching.Memory;

namespace Readiness.Web.Infrastructure;

/// <summary>Keeps a slowly changing query result in this instance's memory for a while; a zero duration (tests) always queries.</summary>
public static class ShortCache
{
    public static async Task<T> GetOrQueryAsync<T>(this IMemoryCache cache, string key, TimeSpan keepFor, Func<Task<T>> query) =>
        keepFor <= TimeSpan.Zero
            ? await query()
            : (
                await cache.GetOrCreateAsync(
                    key,
                    entry =>
                    {
                        entry.AbsoluteExpirationRelativeToNow = keepFor;
                        return query();
                    }
                )
            )!;
}
