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

/// <summary>The public's words for progress: Grenfell-style "in progress" and "complete", and the response before delivery.</summary>
public enum PublicStage
{
    NotStarted,
    InProgress,
    Complete,
    Superseded,
    NotAccepted,
    ResponseAwaited,
}

/// <summary>
/// One published recommendation; <c>RecommendationId</c> lets the page withdraw it at once if it stops being publishable.
/// </summary>
public sealed record PublicItem(
    string Reference,
    string Title,
    string LeadAgency,
    string Status,
    DateOnly? ExpectedCompletion,
    Guid? RecommendationId,
    PublicStage Stage
);

public sealed record PublicTheme(
    string Review,
    string Theme,
    int NotStarted,
    int InProgress,
    int Complete,
    int Other,
    IReadOnlyList<PublicItem> Items
)
{
    public int Total => Items.Count;

    public static PublicTheme Of(string review, string theme, IReadOnlyList<PublicItem> items) =>
        new(
            review,
            theme,
            items.Count(i => i.Stage == PublicStage.NotStarted),
            items.Count(i => i.Stage == PublicStage.InProgress),
            items.Count(i => i.Stage == PublicStage.Complete),
            items.Count(i => i.Stage is not (PublicStage.NotStarted or PublicStage.InProgress or PublicStage.Complete)),
            items
        );
}

public sealed record PublicProgressData(IReadOnlyList<PublicTheme> Themes)
{
    public int Total => Themes.Sum(t => t.Total);

    public IEnumerable<string> References => Themes.SelectMany(t => t.Items.Select(i => i.Reference));

    /// <summary>The same data without the items <paramref name="keep"/> refuses, themes left empty dropped.</summary>
    public PublicProgressData Keeping(Func<PublicItem, bool> keep) =>
        new(Themes.Select(t => PublicTheme.Of(t.Review, t.Theme, t.Items.Where(keep).ToList())).Where(t => t.Total > 0).ToList());
}
