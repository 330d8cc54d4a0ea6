using System.ComponentModel.DataAnnotations;
using Readiness.Core.Milestones;
using Readiness.Web.Features.Shared;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Milestones;

public sealed class MilestoneForm
{
    [Required(ErrorMessage = "Enter the milestone")]
    [FitsColumn(typeof(Milestone), nameof(Milestone.Title), "The milestone")]
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
