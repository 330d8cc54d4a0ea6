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

    /// <summary>The day the owner first recorded a response, so the board sees how long each review took to answer.</summary>
    public DateOnly? RespondedOn { get; set; }
    public DeliveryStatus DeliveryStatus { get; set; }
    public Rag? Rag { get; set; }
    public string? RagReason { get; set; }

    /// <summary>The programme office's own RAG, set at any time, shown beside the owner's so the board sees where they differ.</summary>
    public Rag? AssuredRag { get; set; }
    public string? AssuredRagReason { get; set; }
    public DateTimeOffset? AssuredRagSetAt { get; set; }
    public Guid? AssuredRagSetByUserId { get; set; }
    public UserAccount? AssuredRagSetBy { get; set; }

    /// <summary>Set while the recommendation is not progressing, with what blocks it and a note; cleared when it moves again.</summary>
    public BlockerKind? Blocker { get; set; }
    public string? BlockerNote { get; set; }
    public DateOnly? BlockedSince { get; set; }

    public List<RecommendationLink> Links { get; set; } = [];

    /// <summary>How the change was shown to work once closed; or, while not yet validated, the date by which it will be.</summary>
    public ValidationMethod? ValidationMethod { get; set; }
    public DateOnly? ValidatedOn { get; set; }
    public string? ValidationReference { get; set; }
    public DateOnly? ValidateBy { get; set; }
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

    /// <summary>Its RAG, overdue and milestone dates as stored for the register (<see cref="StoredState"/>).</summary>
    public StoredState? State { get; set; }

    /// <summary>Days between the original and current target dates; a generated column, so the register can sort by it.</summary>
    public int? SlippageDays { get; private set; }

    public bool IsOpen => RecommendationRules.Open(DeliveryStatus);

    /// <summary>The owner's response; "not accepted" carries its rationale (the form requires one). The first response dates it.</summary>
    public void RecordResponse(ResponseStatus response, string? rationale, DateOnly today)
    {
        if (response != ResponseStatus.Pending)
        {
            RespondedOn ??= today;
        }

        Response = response;
        ResponseRationale = string.IsNullOrWhiteSpace(rationale) ? null : rationale.Trim();
    }

    /// <summary>
    /// Posts a progress update for the month <paramref name="today"/> falls in: the delivery status moves (recorded in the
    /// history) and the owner's RAG and its reason become the recommendation's own.
    /// </summary>
    public ProgressUpdate PostUpdate(
        string narrative,
        DeliveryStatus status,
        Rag rag,
        string ragReason,
        Guid authorUserId,
        DateTimeOffset now,
        DateOnly today
    )
    {
        ChangeStatus(status, authorUserId, now, "Progress update");
        Rag = rag;
        RagReason = ragReason.Trim();
        var update = new ProgressUpdate
        {
            RecommendationId = Id,
            Narrative = narrative.Trim(),
            DeliveryStatus = status,
            Rag = rag,
            RagReason = RagReason,
            AuthorUserId = authorUserId,
            ReportingPeriod = today.StartOfMonth(),
            PostedAt = now,
        };
        ProgressUpdates.Add(update);
        return update;
    }

    public void Assure(Rag rag, string reason, Guid byUserId, DateTimeOffset now)
    {
        AssuredRag = rag;
        AssuredRagReason = reason.Trim();
        AssuredRagSetAt = now;
        AssuredRagSetByUserId = byUserId;
    }

    public void RecordValidation(ValidationMethod method, DateOnly on, string reference)
    {
        ValidationMethod = method;
        ValidatedOn = on;
        ValidationReference = reference.Trim();
        ValidateBy = null;
    }

    public void PromiseValidation(DateOnly by)
    {
        ValidationMethod = null;
        ValidatedOn = null;
        ValidationReference = null;
        ValidateBy = by;
    }

    /// <summary>Marks it not progressing; the date it was first blocked is kept while the reason changes.</summary>
    public void Block(BlockerKind kind, string note, DateOnly today)
    {
        BlockedSince = Blocker is null ? today : BlockedSince;
        Blocker = kind;
        BlockerNote = note.Trim();
    }

    public void Unblock()
    {
        Blocker = null;
        BlockerNote = null;
        BlockedSince = null;
    }

    /// <summary>
    /// Sets the first target date (planning, which needs no approval) or asks the programme office for a new one (the
    /// original is kept and slippage counted); returns the request, or null when the date was simply set.
    /// </summary>
    public TargetDateChangeRequest? SetOrRequestTargetDate(DateOnly date, string? reason, Guid requestedByUserId, DateTimeOffset now)
    {
        if (CurrentTargetDate is null)
        {
            OriginalTargetDate = date;
            CurrentTargetDate = date;
            return null;
        }

        var request = new TargetDateChangeRequest
        {
            RecommendationId = Id,
            PreviousDate = CurrentTargetDate,
            RequestedDate = date,
            Reason = reason?.Trim() ?? "",
            RequestedByUserId = requestedByUserId,
            RequestedAt = now,
        };
        TargetDateRequests.Add(request);
        return request;
    }

    /// <summary>Moves the delivery status and records the step in the status history.</summary>
    public void ChangeStatus(DeliveryStatus to, Guid? byUserId, DateTimeOffset at, string? reason = null)
    {
        if (to == DeliveryStatus)
        {
            return;
        }

        StatusChanges.Add(
            new RecommendationStatusChange
            {
                RecommendationId = Id,
                FromStatus = DeliveryStatus,
                ToStatus = to,
                ChangedAt = at,
                ChangedByUserId = byUserId,
                Reason = reason,
            }
        );
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
