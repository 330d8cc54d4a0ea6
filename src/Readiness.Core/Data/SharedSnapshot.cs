using System.Data;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Readiness.Core.Data;

/// <summary>
/// Two contexts on two connections that read the same committed data (PostgreSQL's exported snapshot, in repeatable read
/// transactions), so a reader can run two sets of queries at once and still see one moment: a change committed while
/// they run is in neither or, after them, in both.
/// </summary>
public sealed partial class SharedSnapshot : IAsyncDisposable
{
    private SharedSnapshot(ReadinessDbContext first, ReadinessDbContext second)
    {
        First = first;
        Second = second;
    }

    public ReadinessDbContext First { get; }
    public ReadinessDbContext Second { get; }

    public static async Task<SharedSnapshot> OpenAsync(IDbContextFactory<ReadinessDbContext> contexts, CancellationToken cancellationToken)
    {
        var shared = new SharedSnapshot(
            await contexts.CreateDbContextAsync(cancellationToken),
            await contexts.CreateDbContextAsync(cancellationToken)
        );
        try
        {
            await shared.First.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var snapshot = await shared
                .First.Database.SqlQuery<string>($"SELECT pg_export_snapshot() AS \"Value\"")
                .SingleAsync(cancellationToken);
            if (!SnapshotId().IsMatch(snapshot))
            {
                throw new InvalidOperationException($"PostgreSQL exported a snapshot named unexpectedly: {snapshot}.");
            }

            await shared.Second.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            // SET TRANSACTION SNAPSHOT takes a literal, not a parameter; the name is PostgreSQL's own, checked above.
#pragma warning disable EF1002
            await shared.Second.Database.ExecuteSqlRawAsync($"SET TRANSACTION SNAPSHOT '{snapshot}'", cancellationToken);
#pragma warning restore EF1002
            return shared;
        }
        catch
        {
            await shared.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }

    [GeneratedRegex("^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$")]
    private static partial Regex SnapshotId();
}
