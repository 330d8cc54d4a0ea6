using Readiness.Core.Data;

namespace Readiness.Core.Evidence;

public enum SendBackReason
{
    NotRelevant,
    Incomplete,
    CannotBeOpened,
    WrongRecommendation,
    MarkingIncorrect,
    Other,
}

public enum EvidenceDecisionKind
{
    Accepted,
    SentBack,
}

/// <summary>One decision by the programme office on an evidence item, kept as history.</summary>
public class EvidenceDecision : Entity
{
    public Guid EvidenceItemId { get; set; }
    public EvidenceDecisionKind Decision { get; set; }
    public SendBackReason? Reason { get; set; }
    public string? Comment { get; set; }
    public int VersionNumber { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public Users.UserAccount? DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>The bytes of one file version, kept apart from its metadata so listing evidence never loads content.</summary>
public class EvidenceFileContent
{
    public Guid FileVersionId { get; set; }
    public required byte[] Content { get; set; }
}

public static class SendBackReasons
{
    public static string Describe(SendBackReason reason) =>
        reason switch
        {
            SendBackReason.NotRelevant => "It does not show the recommendation was delivered",
            SendBackReason.Incomplete => "It is incomplete",
            SendBackReason.CannotBeOpened => "It cannot be opened or read",
            SendBackReason.WrongRecommendation => "It belongs to a different recommendation",
            SendBackReason.MarkingIncorrect => "Its protective marking is wrong",
            _ => "Another reason (see the comment)",
        };
}
