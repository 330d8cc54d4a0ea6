using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Data;
using Readiness.TestSupport;
using Readiness.Tests.Infrastructure;

namespace Readiness.Tests.Data;

public sealed class SharedSnapshotTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Both_connections_read_the_moment_the_snapshot_was_opened_and_not_a_change_committed_since()
    {
        var before = Build.Agency();
        await App.SaveAsync(before);
        var contexts = App.Services.GetRequiredService<IDbContextFactory<ReadinessDbContext>>();

        await using var snapshot = await SharedSnapshot.OpenAsync(contexts, CancellationToken.None);
        var after = Build.Agency();
        await App.SaveAsync(after);
        var codes = new[] { before.Code, after.Code };
        var first = await snapshot.First.Agencies.Where(a => codes.Contains(a.Code)).Select(a => a.Code).ToListAsync();
        var second = await snapshot.Second.Agencies.Where(a => codes.Contains(a.Code)).Select(a => a.Code).ToListAsync();
        var outside = await App.WithDbAsync(db => db.Agencies.CountAsync(a => codes.Contains(a.Code)));

        Assert.Equal([before.Code], first);
        Assert.Equal([before.Code], second);
        Assert.Equal(2, outside);
        Assert.NotEqual(snapshot.First.Database.GetDbConnection(), snapshot.Second.Database.GetDbConnection());
    }
}
