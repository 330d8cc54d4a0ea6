using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace Readiness.Web.Infrastructure;

/// <summary>Keeps a slowly changing query result in this instance's memory for a while; a zero duration (tests) always queries.</summary>
public static class ShortCache
{
    // The queries under way, so requests that miss together wait for one query instead of each running it: 16 readers
    // opening the executive dashboard at once ran its 11 commands 16 times over and raised the peak memory by 24 MB.
    private static readonly ConcurrentDictionary<(IMemoryCache Cache, string Key), Lazy<Task<object?>>> Running = new();

    public static async Task<T> GetOrQueryAsync<T>(this IMemoryCache cache, string key, TimeSpan keepFor, Func<Task<T>> query)
    {
        if (keepFor <= TimeSpan.Zero)
        {
            return await query();
        }

        if (cache.TryGetValue(key, out T? kept))
        {
            return kept!;
        }

        var running = Running.GetOrAdd((cache, key), _ => new Lazy<Task<object?>>(() => QueryAndKeepAsync(cache, key, keepFor, query)));
        try
        {
            return (T)(await running.Value)!;
        }
        catch (OperationCanceledException)
        {
            // The request that ran the query went away (or this one did: then its own query stops at once).
            return await query();
        }
    }

    private static async Task<object?> QueryAndKeepAsync<T>(IMemoryCache cache, string key, TimeSpan keepFor, Func<Task<T>> query)
    {
        try
        {
            return cache.Set(key, await query(), keepFor);
        }
        finally
        {
            Running.TryRemove((cache, key), out _);
        }
    }
}
