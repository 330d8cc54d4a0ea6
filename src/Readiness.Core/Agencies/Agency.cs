using Readiness.Core.Data;

namespace Readiness.Core.Agencies;

public class Agency : Entity
{
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The Entra ID tenant its people sign in from; null when the agency has no tenant of its own.</summary>
    public Guid? EntraTenantId { get; set; }
}
