namespace Readiness.Core.Auditing;

/// <summary>Who made a change; <paramref name="OnBehalfOfUserId"/> is the lead a deputy was covering for.</summary>
public sealed record AuditActor(Guid? UserId, string Name, Guid? AgencyId, Guid? OnBehalfOfUserId = null)
{
    public static AuditActor System(string process) => new(null, $"system:{process}", null);
}

/// <summary>Who is making the changes in this scope: the signed-in person on a request, the process in a job or command.</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}

public sealed class SystemAuditActorAccessor : IAuditActorAccessor
{
    public AuditActor Current { get; set; } = AuditActor.System("app");
}
