namespace Readiness.Web.Features.Shared;

public sealed record NavItem(string Text, string Href, bool IsCurrent);
