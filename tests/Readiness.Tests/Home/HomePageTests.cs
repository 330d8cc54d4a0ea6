using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Home;

public sealed class HomePageTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task Each_role_sees_what_needs_them()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var needsUpdate = Build.Recommendation(review, agency);
        needsUpdate.Response = ResponseStatus.Accepted;
        needsUpdate.OriginalTargetDate = needsUpdate.CurrentTargetDate = new DateOnly(2027, 1, 1);
        var request = new TargetDateChangeRequest
        {
            RecommendationId = needsUpdate.Id,
            PreviousDate = new DateOnly(2027, 1, 1),
            RequestedDate = new DateOnly(2027, 5, 1),
            Reason = "Late",
        };
        var lead = Build.User(Role.AgencyLead, agency);
        var office = Build.User(Role.ProgrammeOffice);
        var executive = Build.User(Role.Executive);
        await App.SaveAsync(agency, review, needsUpdate, request, lead, office, executive);

        var leadHome = await Client(lead.Email).GetStringAsync(new Uri("/", UriKind.Relative));
        var officeHome = await Client(office.Email).GetStringAsync(new Uri("/", UriKind.Relative));
        var executiveHome = await Client(executive.Email).GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Progress updates due this month", leadHome, StringComparison.Ordinal);
        Assert.Contains($"/recommendations/{needsUpdate.Id}/updates/new", leadHome, StringComparison.Ordinal);
        Assert.Contains("Awaiting your decision", officeHome, StringComparison.Ordinal);
        Assert.Contains($"/target-date-requests/{request.Id}", officeHome, StringComparison.Ordinal);
        Assert.Contains("By lead agency", officeHome, StringComparison.Ordinal);
        Assert.Contains("Programme at a glance", executiveHome, StringComparison.Ordinal);
        Assert.Contains(agency.Name, executiveHome, StringComparison.Ordinal);
        Assert.DoesNotContain("Awaiting your decision", executiveHome, StringComparison.Ordinal);
    }
}
