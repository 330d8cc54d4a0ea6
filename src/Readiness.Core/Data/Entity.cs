namespace Readiness.Core.Data;

/// <summary>
/// A row people edit: client-generated sortable id (so audit events can name it in the same save) and an xmin concurrency token.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public uint Version { get; set; }
}
