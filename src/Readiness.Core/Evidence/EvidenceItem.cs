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
