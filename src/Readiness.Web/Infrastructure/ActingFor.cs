namespace Readiness.Web.Infrastructure;

/// <summary>
/// The lead a deputy is acting for on this request, set when the deputy opens a recommendation the lead owns during
/// their cover; audit events then name both.
/// </summary>
public sealed class ActingFor
{
    public (Guid Id, string Email)? Lead { get; set; }
}
