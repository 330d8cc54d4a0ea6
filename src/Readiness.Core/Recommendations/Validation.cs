namespace Readiness.Core.Recommendations;

/// <summary>How a closed recommendation's change was shown to work, as the GAO and Victoria's bushfire monitor insist.</summary>
public enum ValidationMethod
{
    Exercise,
    RealIncident,
    Audit,
    Inspection,
}
