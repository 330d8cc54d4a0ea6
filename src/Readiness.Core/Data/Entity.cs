namespace Readiness.Core.Data;

/// <summary>
/// A row people edit: client-generated sortable id (so audit events can name it in the same save) and an xmin concurrency token.
/// </summary>
public abstract class Entity
{
    /// <summary>
    /// Made when first read, not when constructed: EF Core sets it through the property when it reads a row, so reading
    /// a row does not draw a random id only to overwrite it (one for every entity read, about 0.7 µs each).
    /// </summary>
    public Guid Id
    {
        get => field == Guid.Empty ? field = Guid.CreateVersion7() : field;
        set;
    }

    public uint Version { get; set; }
}
