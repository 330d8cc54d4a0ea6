using Microsoft.Extensions.Caching.Memory;
using Readiness.Web.Infrastructure;

namespace Readiness.Tests.Operations;

/// <summary>The per-instance cache of board figures and dashboards: readers who miss it together wait for one query.</summary>
public sealed class ShortCacheTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Readers_who_miss_together_share_one_query_and_later_readers_are_served_what_it_kept()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var queries = 0;
        var release = new TaskCompletionSource();
        async Task<string> QueryAsync()
        {
            Interlocked.Increment(ref queries);
            await release.Task;
            return "figures";
        }

        var readers = Enumerable.Range(0, 16).Select(_ => Task.Run(() => cache.GetOrQueryAsync("k", Minute, QueryAsync))).ToList();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        release.SetResult();

        Assert.All(await Task.WhenAll(readers), r => Assert.Equal("figures", r));
        Assert.Equal("figures", await cache.GetOrQueryAsync("k", Minute, QueryAsync));
        Assert.Equal(1, queries);
    }

    [Fact]
    public async Task When_the_reader_running_the_query_goes_away_the_others_query_for_themselves()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var first = new TaskCompletionSource<string>();
        var running = cache.GetOrQueryAsync("k", Minute, () => first.Task);
        var waiting = cache.GetOrQueryAsync("k", Minute, () => Task.FromResult("asked again"));

        first.SetCanceled(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal("asked again", await waiting);
    }

    [Fact]
    public async Task Different_caches_never_share_a_query()
    {
        using var one = new MemoryCache(new MemoryCacheOptions());
        using var other = new MemoryCache(new MemoryCacheOptions());
        var release = new TaskCompletionSource();

        var fromOne = one.GetOrQueryAsync(
            "k",
            Minute,
            async () =>
            {
                await release.Task;
                return "one";
            }
        );
        var fromOther = other.GetOrQueryAsync("k", Minute, () => Task.FromResult("other"));
        release.SetResult();

        Assert.Equal("one", await fromOne);
        Assert.Equal("other", await fromOther);
    }
}
