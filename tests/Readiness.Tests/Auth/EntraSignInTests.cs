using Microsoft.EntityFrameworkCore;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Auth;

/// <summary>Entra ID itself cannot run here; what the app does with a validated token's tenant and object ids can.</summary>
public sealed class EntraSignInTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private Task<EntraSignInResult> SignInAsync(Guid tenant, Guid objectId, string email) =>
        App.WithDbAsync(db => new EntraSignIn(db).SignInAsync(tenant, objectId, email, "Pat Example", CancellationToken.None));

    [Fact]
    public async Task Sign_in_from_a_tenant_that_no_agency_has_is_refused()
    {
        await App.SaveAsync(Build.Agency(tenantId: Guid.NewGuid()));

        var result = await SignInAsync(Guid.NewGuid(), Guid.NewGuid(), "pat@elsewhere.example");

        Assert.Equal(new EntraSignInResult.Refused(SignInRefusal.UnknownTenant), result);
        Assert.Equal(0, await App.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task First_sign_in_from_an_agencys_tenant_joins_that_agency_as_a_viewer()
    {
        var tenant = Guid.NewGuid();
        var agency = Build.Agency(tenantId: tenant);
        await App.SaveAsync(agency);

        var result = await SignInAsync(tenant, Guid.NewGuid(), "Pat@Agency.example");

        var user = Assert.IsType<EntraSignInResult.SignedIn>(result).User;
        Assert.Equal(agency.Id, user.AgencyId);
        Assert.Equal(Role.Viewer, user.Role);
        Assert.Equal("pat@agency.example", user.Email);
    }

    [Fact]
    public async Task A_known_user_keeps_their_role_and_a_deactivated_one_is_refused()
    {
        var tenant = Guid.NewGuid();
        var agency = Build.Agency(tenantId: tenant);
        var lead = Build.User(Role.AgencyLead, agency, "lead@agency.example");
        var former = Build.User(Role.AgencyLead, agency, "former@agency.example");
        former.IsActive = false;
        await App.SaveAsync(agency, lead, former);

        var signedIn = await SignInAsync(tenant, Guid.NewGuid(), "lead@agency.example");
        var refused = await SignInAsync(tenant, Guid.NewGuid(), "former@agency.example");

        Assert.Equal(Role.AgencyLead, Assert.IsType<EntraSignInResult.SignedIn>(signedIn).User.Role);
        Assert.Equal(new EntraSignInResult.Refused(SignInRefusal.Deactivated), refused);
    }

    [Fact]
    public async Task Refused_sign_in_page_says_why_without_signing_in()
    {
        var html = await Client().GetStringAsync(new Uri("/sign-in/refused?reason=UnknownTenant", UriKind.Relative));

        Assert.Contains("not linked to any agency", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_token_maps_only_to_an_existing_active_user_still_in_their_tenants_agency_and_never_creates_one()
    {
        var tenant = Guid.NewGuid();
        var agency = Build.Agency(tenantId: tenant);
        var other = Build.Agency(tenantId: Guid.NewGuid());
        var user = Build.User(Role.AgencyLead, agency);
        (user.EntraTenantId, user.EntraObjectId) = (tenant, Guid.NewGuid());
        var moved = Build.User(Role.AgencyLead, other);
        (moved.EntraTenantId, moved.EntraObjectId) = (tenant, Guid.NewGuid());
        var gone = Build.User(Role.AgencyLead, agency);
        (gone.EntraTenantId, gone.EntraObjectId, gone.IsActive) = (tenant, Guid.NewGuid(), false);
        await App.SaveAsync(agency, other, user, moved, gone);
        Task<UserAccount?> FindAsync(Guid objectId) =>
            App.WithDbAsync(db => new EntraSignIn(db).FindActiveAsync(tenant, objectId, CancellationToken.None));

        Assert.Equal(user.Id, (await FindAsync(user.EntraObjectId!.Value))?.Id);
        Assert.Null(await FindAsync(moved.EntraObjectId!.Value));
        Assert.Null(await FindAsync(gone.EntraObjectId!.Value));
        Assert.Null(await FindAsync(Guid.NewGuid()));
        Assert.Equal(3, await App.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Once_pinned_a_person_is_known_by_tenant_and_object_id_and_a_changed_email_follows_them()
    {
        var tenant = Guid.NewGuid();
        var agency = Build.Agency(tenantId: tenant);
        var lead = Build.User(Role.AgencyLead, agency, "sam@agency.example");
        await App.SaveAsync(agency, lead);
        var objectId = Guid.NewGuid();

        await SignInAsync(tenant, objectId, "sam@agency.example");
        var renamed = await SignInAsync(tenant, objectId, "sam.new@agency.example");
        var sameEmailOtherPerson = await SignInAsync(tenant, Guid.NewGuid(), "sam.new@agency.example");

        var user = Assert.IsType<EntraSignInResult.SignedIn>(renamed).User;
        Assert.Equal((lead.Id, "sam.new@agency.example", Role.AgencyLead), (user.Id, user.Email, user.Role));
        Assert.Equal(new EntraSignInResult.Refused(SignInRefusal.WrongAgency), sameEmailOtherPerson);
    }

    [Fact]
    public async Task A_precreated_account_with_no_agency_is_never_matched_by_email()
    {
        var tenant = Guid.NewGuid();
        var agency = Build.Agency(tenantId: tenant);
        var office = Build.User(Role.ProgrammeOffice, email: "office@agency.example");
        await App.SaveAsync(agency, office);

        var result = await SignInAsync(tenant, Guid.NewGuid(), "office@agency.example");

        Assert.Equal(new EntraSignInResult.Refused(SignInRefusal.WrongAgency), result);
        Assert.Null(await App.WithDbAsync(db => db.Users.Where(u => u.Id == office.Id).Select(u => u.EntraObjectId).SingleAsync()));
    }
}
