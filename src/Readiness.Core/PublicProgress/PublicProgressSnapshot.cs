using System.Text.Json;
using Readiness.Core.Data;

namespace Readiness.Core.PublicProgress;

/// <summary>What the public progress page shows, as the programme office published it.</summary>
public class PublicProgressSnapshot : Entity
{
    public DateTimeOffset PublishedAt { get; set; }
    public Guid PublishedByUserId { get; set; }
    public required JsonDocument Data { get; set; }
}

public sealed record PublicItem(string Reference, string Title, string LeadAgency, string Status, DateOnly? ExpectedCompletion);

public sealed record PublicTheme(string Review, string Theme, int NotStarted, int InProgress, int Complete, int Other, IReadOnlyList<PublicItem> Items)
{
    public int Total => Items.Count;
}

public sealed record PublicProgressData(IReadOnlyList<PublicTheme> Themes)
{
    public int Total => Themes.Sum(t => t.Total);

    public IEnumerable<string> References => Themes.SelectMany(t => t.Items.Select(i => i.Reference));
}
