using NpgsqlTypes;
using Readiness.Core.Agencies;
using Readiness.Core.Data;
using Readiness.Core.Milestones;
using Readiness.Core.Reviews;
using Readiness.Core.Users;

namespace Readiness.Core.Recommendations;

public class Recommendation : Entity
{
    public Guid ReviewId { get; set; }
    public Review? Review { get; set; }
    public Guid? ThemeId { get; set; }
    public Theme? Theme { get; set; }
    public required string Reference { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }

    public Guid LeadAgencyId { get; set; }
    public Agency? LeadAgency { get; set; }
    public List<SupportingAgency> SupportingAgencies { get; set; } = [];

    public ResponseStatus Response { get; set; }
    public string? ResponseRationale { get; set; }
    public DeliveryStatus DeliveryStatus { get; set; }
    public Rag? Rag { get; set; }
    public string? RagReason { get; set; }
    public Priority Priority { get; set; } = Priority.Medium;
    public DateOnly? OriginalTargetDate { get; set; }
    public DateOnly? CurrentTargetDate { get; set; }
    public bool IsMonitored { get; set; }
    public ProtectiveMarking Marking { get; set; }

    /// <summary>Whether the programme office lets the public progress page show it (never when OFFICIAL-SENSITIVE).</summary>
    public bool IsPublishable { get; set; }

    public Guid? OwnerUserId { get; set; }
    public UserAccount? Owner { get; set; }

    public List<Milestone> Milestones { get; set; } = [];
    public List<ProgressUpdate> ProgressUpdates { get; set; } = [];
    public List<RecommendationStatusChange> StatusChanges { get; set; } = [];
    public List<TargetDateChangeRequest> TargetDateRequests { get; set; } = [];

    public NpgsqlTsVector? SearchVector { get; set; }

    /// <summary>Days between the original and current target dates; a generated column, so the register can sort by it.</summary>
    public int? SlippageDays { get; private set; }

    public bool IsOpen => RecommendationRules.Open(DeliveryStatus);

    /// <summary>Moves the delivery status and records the step in the status history.</summary>
    public void ChangeStatus(DeliveryStatus to, Guid? byUserId, DateTimeOffset at, string? reason = null)
    {
        if (to == DeliveryStatus)
        {
            return;
        }

        StatusChanges.Add(new RecommendationStatusChange
        {
            RecommendationId = Id,
            FromStatus = DeliveryStatus,
            ToStatus = to,
            ChangedAt = at,
            ChangedByUserId = byUserId,
            Reason = reason,
        });
        DeliveryStatus = to;
    }
}

/// <summary>A body that supports delivery, with its own part of the work.</summary>
public class SupportingAgency : Entity
{
    public Guid RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public Guid AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public string? PartOfWork { get; set; }
}

public class ProgressUpdate : Entity
{
    public Guid RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public required string Narrative { get; set; }
    public DeliveryStatus DeliveryStatus { get; set; }
    public Rag Rag { get; set; }
    public string? RagReason { get; set; }
    public Guid? AuthorUserId { get; set; }
    public UserAccount? Author { get; set; }

    /// <summary>First day of the calendar month the update reports on.</summary>
    public DateOnly ReportingPeriod { get; set; }
    public DateTimeOffset PostedAt { get; set; }
}
