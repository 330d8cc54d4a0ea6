namespace Readiness.Core.Auditing;

public sealed record AuditActor(Guid? UserId, string Name, Guid? AgencyId)
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
