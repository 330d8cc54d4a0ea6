namespace Readiness.Core.Recommendations;

/// <summary>Why a recommendation is not progressing.</summary>
public enum BlockerKind
{
    NeedsLegislation,
    NeedsFunding,
    WaitsOnAgency,
    WaitsOnRecommendation,
}
