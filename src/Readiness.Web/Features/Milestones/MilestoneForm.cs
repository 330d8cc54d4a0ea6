using System.ComponentModel.DataAnnotations;
using Readiness.Web.Features.Shared;

namespace Readiness.Web.Features.Milestones;

public sealed class MilestoneForm
{
    [Required(ErrorMessage = "Enter the milestone")]
    [StringLength(400, ErrorMessage = "The milestone must be 400 characters or fewer")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Select the delivering agency")]
    public Guid? DeliveringAgencyId { get; set; }

    public Guid? OwnerUserId { get; set; }

    public DateParts DueDate { get; set; } = new();

    public bool Completed { get; set; }

    public DateParts CompletedOn { get; set; } = new();

    public uint Version { get; set; }
}

public sealed record MilestonePage(
    Guid RecommendationId,
    string Reference,
    Guid? MilestoneId,
    MilestoneForm Form,
    IReadOnlyList<Choice> Agencies,
    IReadOnlyList<Choice> Owners,
    string? TheirVersion
);
