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
        await using var command = new NpgsqlCommand(
            "SELECT content FROM evidence_file_contents WHERE file_version_id = @id",
            (NpgsqlConnection)db.Database.GetDbConnection()
        );
        command.Parameters.AddWithValue("id", fileVersionId);
        return await StreamedBytes.CopyToAsync(command, destination, cancellationToken);
    }
}
