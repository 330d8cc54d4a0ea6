using Readiness.Core;
using Readiness.Core.Users;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Shared;

public sealed record NavItem(string Text, string Href, bool IsCurrent)
{
    /// <summary>The service navigation this person sees, with the current section marked.</summary>
    public static IReadOnlyList<NavItem> For(CurrentUser user, string? section)
    {
        var office = user.IsProgrammeOffice;
        var items = new List<(string Text, string Href, string Section, bool Shown)>
        {
            ("Home", Links.Home, "home", true),
            ("Recommendations", Links.Register, "recommendations", true),
            ("Dashboard", Links.Dashboard, "dashboard", office || user.Role is Role.Executive or Role.AgencyLead),
            ("Reports", Links.Reports, "reports", office || user.Role == Role.Executive),
            ("Evidence review", Links.EvidenceQueue, "evidence", office),
            ("Date requests", Links.TargetDateRequests, "decisions", office),
            ("Audit trail", Links.Audit, "audit", office),
            ("Reminders", Links.Notifications, "notifications", office),
            ("Administration", Links.Admin, "admin", office),
        };
        return items.Where(i => i.Shown).Select(i => new NavItem(i.Text, i.Href, i.Section == section)).ToList();
    }
}
