namespace Readiness.Core.Users;

public static class RoleNames
{
    public static string Describe(Role role) =>
        role switch
        {
            Role.ProgrammeOffice => "Programme office",
            Role.AgencyLead => "Agency lead",
            Role.AgencyContributor => "Agency contributor",
            Role.Executive => "Executive",
            _ => "Viewer",
        };
}
