using Readiness.Core.Auditing;
using Readiness.Web.Auth;

namespace Readiness.Web.Infrastructure;

/// <summary>On a request, audit events name the signed-in person; outside one, the app itself.</summary>
public sealed class HttpAuditActorAccessor(IHttpContextAccessor httpContextAccessor, ActingFor actingFor) : IAuditActorAccessor
{
    public AuditActor Current =>
        httpContextAccessor.HttpContext?.User is { } principal && CurrentUser.From(principal) is { } user
            ? actingFor.Lead is { } lead
                ? new AuditActor(user.Id, $"{user.Email} for {lead.Email}", user.AgencyId, lead.Id)
                : new AuditActor(user.Id, user.Email, user.AgencyId)
            : AuditActor.System("app");
}
