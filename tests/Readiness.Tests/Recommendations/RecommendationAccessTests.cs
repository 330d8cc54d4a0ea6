using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Tests.Recommendations;

public sealed class RecommendationAccessTests
{
    private static readonly Guid Lead = Guid.Parse("0195a000-0000-7000-8000-000000000001");
    private static readonly Guid Supporting = Guid.Parse("0195a000-0000-7000-8000-000000000002");
    private static readonly Guid Other = Guid.Parse("0195a000-0000-7000-8000-000000000003");
    private static readonly RecommendationOwnership Ownership = new(Lead, [Supporting]);

    public static TheoryData<Role, Guid?, bool> Cases =>
        new()
        {
            { Role.ProgrammeOffice, null, true },
            { Role.AgencyLead, Lead, true },
            { Role.AgencyLead, Supporting, true },
            { Role.AgencyLead, Other, false },
            { Role.AgencyLead, null, false },
            { Role.AgencyContributor, Lead, true },
            { Role.AgencyContributor, Other, false },
            { Role.Executive, Lead, false },
            { Role.Viewer, Lead, false },
        };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Who_may_change_a_recommendation(Role role, Guid? agency, bool expected) =>
        Assert.Equal(expected, RecommendationAccess.CanChange(role, agency, Ownership));
}
