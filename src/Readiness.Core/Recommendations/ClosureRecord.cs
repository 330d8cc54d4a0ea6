using System.Text.Json;
using Readiness.Core.Data;

namespace Readiness.Core.Recommendations;

public enum ClosureDecision
{
    Closed,
    Reopened,
    Superseded,
}

/// <summary>A programme office decision to close, reopen or supersede, with the recommendation as it stood at that moment.</summary>
public class ClosureRecord : Entity
{
    public Guid RecommendationId { get; set; }
    public ClosureDecision Decision { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public Users.UserAccount? DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    public string? Reason { get; set; }
    public required JsonDocument StateAtDecision { get; set; }
}
