using Readiness.Core.Data;
using Readiness.Core.Milestones;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Core.Evidence;

public enum EvidenceStatus
{
    AwaitingReview,
    Accepted,
    SentBack,
}

public class EvidenceItem : Entity
{
    public Guid RecommendationId { get; set; }
    public Recommendation? Recommendation { get; set; }
    public Guid? MilestoneId { get; set; }
    public Milestone? Milestone { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DateOnly EvidenceDate { get; set; }

    /// <summary>When the evidence stops proving anything (a training record valid for a year); after it, re-validation is due.</summary>
    public DateOnly? ExpiresOn { get; set; }
    public string? LinkUrl { get; set; }
    public EvidenceStatus Status { get; set; }
    public int SentBackCount { get; set; }
    public SendBackReason? LastSentBackReason { get; set; }
    public string? LastSentBackComment { get; set; }
    public DateTimeOffset? LastSentBackAt { get; set; }
    public Guid? SubmittedByUserId { get; set; }
    public UserAccount? SubmittedBy { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public List<EvidenceFileVersion> FileVersions { get; set; } = [];
    public List<EvidenceDecision> Decisions { get; set; } = [];

    public const string DecidingOwnUpload =
        "You uploaded this evidence, so someone else in the programme office must accept it or send it back.";

    /// <summary>No self-approval: whoever submitted the item or uploaded any version of it may not decide on it.</summary>
    public string? SelfApproval(Guid actorId) =>
        SubmittedByUserId == actorId || FileVersions.Any(v => v.UploadedByUserId == actorId) ? DecidingOwnUpload : null;

    /// <summary>
    /// The programme office's decision on the latest version (loaded with its versions): accepted, or sent back with a
    /// reason, which the owner is then chased to resolve.
    /// </summary>
    public EvidenceDecision Decide(
        EvidenceDecisionKind decision,
        SendBackReason? reason,
        string? comment,
        Guid decidedByUserId,
        DateTimeOffset now
    )
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Status = decision == EvidenceDecisionKind.Accepted ? EvidenceStatus.Accepted : EvidenceStatus.SentBack;
        if (Status == EvidenceStatus.SentBack)
        {
            SentBackCount++;
            LastSentBackReason = reason;
            LastSentBackComment = comment;
            LastSentBackAt = now;
        }

        var recorded = new EvidenceDecision
        {
            EvidenceItemId = Id,
            Decision = decision,
            Reason = Status == EvidenceStatus.SentBack ? reason : null,
            Comment = comment,
            VersionNumber = FileVersions.Count == 0 ? 0 : FileVersions.Max(v => v.VersionNumber),
            DecidedByUserId = decidedByUserId,
            DecidedAt = now,
        };
        Decisions.Add(recorded);
        return recorded;
    }
}

public class EvidenceFileVersion : Entity
{
    public Guid EvidenceItemId { get; set; }
    public EvidenceItem? EvidenceItem { get; set; }
    public int VersionNumber { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string Sha256 { get; set; }
    public Guid? UploadedByUserId { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
