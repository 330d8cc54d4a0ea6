using Readiness.Core.Evidence;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Evidence;

/// <summary>What the person typed on the evidence form, read from the streamed upload so it survives any refusal.</summary>
public sealed class EvidenceForm
{
    [FitsColumn(typeof(EvidenceItem), nameof(EvidenceItem.Title), "The title")]
    public string? Title { get; init; }

    [FitsColumn(typeof(EvidenceItem), nameof(EvidenceItem.Description), "The description")]
    public string? Description { get; init; }

    public DateParts EvidenceDate { get; init; } = new();

    /// <summary>Optional: when the evidence stops proving anything, like a training record valid for a year.</summary>
    public DateParts ExpiresOn { get; init; } = new();
    public Guid? MilestoneId { get; init; }

    [FitsColumn(typeof(EvidenceItem), nameof(EvidenceItem.LinkUrl), "The web address")]
    public string? LinkUrl { get; init; }

    public static EvidenceForm From(StreamedUpload upload) =>
        new()
        {
            Title = upload.Field("Title")?.Trim(),
            Description = upload.Field("Description")?.Trim(),
            EvidenceDate = new DateParts
            {
                Day = upload.Field("EvidenceDate.Day"),
                Month = upload.Field("EvidenceDate.Month"),
                Year = upload.Field("EvidenceDate.Year"),
            },
            ExpiresOn = new DateParts
            {
                Day = upload.Field("ExpiresOn.Day"),
                Month = upload.Field("ExpiresOn.Month"),
                Year = upload.Field("ExpiresOn.Year"),
            },
            MilestoneId = Guid.TryParse(upload.Field("MilestoneId"), out var milestone) ? milestone : null,
            LinkUrl = upload.Field("LinkUrl")?.Trim(),
        };
}

public sealed record EvidencePage(
    Guid RecommendationId,
    string Reference,
    string Title,
    EvidenceForm Form,
    IReadOnlyList<Choice> Milestones,
    EvidenceOptions Limits
);

public sealed record ReplacePage(EvidenceItem Item, string Reference, EvidenceOptions Limits);

public sealed record EvidenceItemPage(
    EvidenceItem Item,
    string Reference,
    string RecommendationTitle,
    bool CanReplace,
    bool CanDecide,
    string? DecisionWithheld
);
