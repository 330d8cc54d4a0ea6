using Readiness.Core.Data;

namespace Readiness.Core.Reviews;

public class Review : Entity
{
    public required string Code { get; set; }
    public required string Title { get; set; }
    public DateOnly PublishedOn { get; set; }

    /// <summary>The date by which every owning agency should have recorded its response; after it, a pending one is overdue.</summary>
    public DateOnly? ResponsesDueOn { get; set; }
    public string? Description { get; set; }
    public bool IsSampleData { get; set; }
    public List<Theme> Themes { get; set; } = [];
}

public class Theme : Entity
{
    public Guid ReviewId { get; set; }
    public Review? Review { get; set; }
    public required string Name { get; set; }
}
