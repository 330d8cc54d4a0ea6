using System.Diagnostics;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Deployment;

public sealed class RestoreDrillTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Fact]
    public async Task The_drill_restores_a_copy_and_finds_the_recommendation_and_its_evidence_intact()
    {
        var agency = Build.Agency();
        var review = Build.Review();
        var recommendation = Build.Recommendation(review, agency);
        recommendation.Response = ResponseStatus.Accepted;
        var lead = Build.User(Role.AgencyLead, agency);
        var office = Build.User(Role.ProgrammeOffice);
        await App.SaveAsync(agency, review, recommendation, lead, office);
        var uploaded = await Client(lead.Email)
            .AddEvidenceAsync(recommendation.Id, ("report.pdf", SampleFiles.Pdf()), ("tracker.csv", SampleFiles.Csv()));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, uploaded.StatusCode);

        var (exitCode, output) = await RunDrillAsync(recommendation.Reference);

        Assert.True(exitCode == 0, output);
        Assert.Contains($"Restore drill passed: {recommendation.Reference}", output, StringComparison.Ordinal);
        Assert.Contains("Its 2 evidence files", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drill_fails_and_says_so_for_a_recommendation_that_is_not_there()
    {
        var (exitCode, output) = await RunDrillAsync("NO-SUCH-REF");

        Assert.Equal(1, exitCode);
        Assert.Contains("There is no recommendation NO-SUCH-REF", output, StringComparison.Ordinal);
    }

    private Task<ProcessResult> RunDrillAsync(string reference)
    {
        var script = Path.Combine(ReadinessApp.RepositoryDirectory(), "deploy", "restore-drill.sh");
        var start = new ProcessStartInfo("bash", [script, Fixture.Database.ConnectionString, reference]);
        start.Environment["READINESS_APP_DIR"] = AppContext.BaseDirectory;
        return ProcessRun.RunAsync(start, TestContext.Current.CancellationToken);
    }
}
