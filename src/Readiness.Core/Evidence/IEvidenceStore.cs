using System.Data.Common;

namespace Readiness.Core.Evidence;

/// <summary>
/// Where evidence file content lives. PostgreSQL by default, so one backup covers everything; a blob store can implement this later.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Saves content inside the caller's transaction, so metadata and content are written together or not at all.</summary>
    Task SaveAsync(Guid fileVersionId, Stream content, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Streams stored content to <paramref name="destination"/>; false when there is none.</summary>
    Task<bool> CopyToAsync(Guid fileVersionId, Stream destination, CancellationToken cancellationToken);
}
