using Readiness.Core.Users;

namespace Readiness.Core.Recommendations;

/// <summary>The agencies that own a recommendation: the lead and any supporting agencies.</summary>
public sealed record RecommendationOwnership(Guid LeadAgencyId, IReadOnlyCollection<Guid> SupportingAgencyIds)
{
    /// <summary>For a recommendation loaded with its supporting agencies.</summary>
    public static RecommendationOwnership Of(Recommendation recommendation) =>
        new(recommendation.LeadAgencyId, recommendation.SupportingAgencies.Select(s => s.AgencyId).ToList());

    public bool Includes(Guid? agencyId) => agencyId is { } id && (id == LeadAgencyId || SupportingAgencyIds.Contains(id));
}

public static class RecommendationAccess
{
    /// <summary>
    /// Everyone signed in may read the register; only the owning agencies' leads and contributors, and the programme office, may change a
    /// recommendation.
    /// </summary>
    public static bool CanChange(Role role, Guid? userAgencyId, RecommendationOwnership ownership) =>
        role switch
        {
            Role.ProgrammeOffice => true,
            Role.AgencyLead or Role.AgencyContributor => ownership.Includes(userAgencyId),
            _ => false,
        };

    /// <summary>
    /// Evidence content is for the owning agencies' people, the programme office and executives; everyone else sees only that it exists.
    /// </summary>
    public static bool CanSeeEvidence(Role role, Guid? userAgencyId, RecommendationOwnership ownership) =>
        role is Role.ProgrammeOffice or Role.Executive || ownership.Includes(userAgencyId);
}
