using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Readiness.Core.Data;

namespace Readiness.Core.Evidence;

public sealed class PostgresEvidenceStore(ReadinessDbContext db) : IEvidenceStore
{
    public async Task SaveAsync(Guid fileVersionId, Stream content, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO evidence_file_contents (file_version_id, content) VALUES (@id, @content)",
            (NpgsqlConnection)transaction.Connection!,
            (NpgsqlTransaction)transaction
        );
        command.Parameters.AddWithValue("id", fileVersionId);
        command.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content, Size = (int)content.Length });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> CopyToAsync(Guid fileVersionId, Stream destination, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT content FROM evidence_file_contents WHERE file_version_id = @id",
                connection
            );
            command.Parameters.AddWithValue("id", fileVersionId);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            await using var content = await reader.GetStreamAsync(0, cancellationToken);
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
