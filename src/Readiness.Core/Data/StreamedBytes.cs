using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Readiness.Core.Data;

/// <summary>
/// Copies one stored binary value (an evidence file, a board report's PDF) to a destination in chunks, reading it
/// sequentially, so a download never holds the whole file in the web process (a 5,000-recommendation report is 9 MB).
/// </summary>
public static class StreamedBytes
{
    /// <summary>Copies the value the query selects; false when it selects no row or a null.</summary>
    public static async Task<bool> CopyToAsync(this IQueryable<byte[]?> query, Stream destination, CancellationToken cancellationToken)
    {
        await using var command = query.CreateDbCommand();
        return await CopyToAsync(command, destination, cancellationToken);
    }

    /// <summary>Copies the first column of the command's first row, opening and closing its connection if it was closed.</summary>
    public static async Task<bool> CopyToAsync(DbCommand command, Stream destination, CancellationToken cancellationToken)
    {
        var connection = command.Connection!;
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || await reader.IsDBNullAsync(0, cancellationToken))
            {
                return false;
            }

            await using var content = reader.GetStream(0);
            await content.CopyToAsync(destination, cancellationToken);
            return true;
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
