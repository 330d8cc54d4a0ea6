using Readiness.Core.Auditing;
using Readiness.Web.Auth;

namespace Readiness.Web.Infrastructure;

/// <summary>On a request, audit events name the signed-in person; outside one, the app itself.</summary>
public sealed class HttpAuditActorAccessor(IHttpContextAccessor httpContextAccessor) : IAuditActorAccessor
{
    public AuditActor Current =>
        httpContextAccessor.HttpContext?.User is { } principal && CurrentUser.From(principal) is { } user
            ? new AuditActor(user.Id, user.Email, user.AgencyId)
            : AuditActor.System("app");
}
