using System.Diagnostics;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Readiness.ApiClient;
using Readiness.Core.Agencies;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Api;

/// <summary>
/// The C# client Kiota generates from the served OpenAPI document: the committed one must be what the document
/// generates now, and it must read the register, a recommendation and the summary from the running app. A change to
/// the API that breaks generated clients fails here.
/// </summary>
public sealed class ApiClientTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string ClientDirectory = Path.Combine(ReadinessApp.RepositoryDirectory(), "tests", "Readiness.ApiClient");
    private readonly Agency _fire = Build.Agency("LFB");
    private UserAccount _lead = null!;
    private Recommendation _recommendation = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review("CLIENT22");
        _lead = Build.User(Role.AgencyLead, _fire);
        _recommendation = Build.Recommendation(review, _fire);
        _recommendation.Title = "Water supply for high-rise fires";
        _recommendation.Response = ResponseStatus.Accepted;
        _recommendation.DeliveryStatus = DeliveryStatus.InProgress;
        _recommendation.Rag = Rag.Amber;
        await App.SaveAsync(_fire, review, _lead, _recommendation);
    }

    private ReadinessApiClient ClientFor(string email)
    {
        var http = Client(email);
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.ToString().TrimEnd('/'),
        };
        return new ReadinessApiClient(adapter);
    }

    [Fact]
    public async Task The_generated_client_reads_the_register_a_recommendation_and_the_summary()
    {
        await GivenAsync();
        var client = ClientFor(_lead.Email);
        var ct = TestContext.Current.CancellationToken;

        var page = await client.Api.Recommendations.GetAsync(
            c => (c.QueryParameters.Review, c.QueryParameters.PageSize) = ("CLIENT22", 10),
            ct
        );
        var one = await client.Api.Recommendations[_recommendation.Id].GetAsync(cancellationToken: ct);
        var summary = await client.Api.Summary.GetAsync(c => c.QueryParameters.Review = "CLIENT22", ct);
        var changes = await client.Api.Changes.GetAsync(c => c.QueryParameters.PageSize = 500, ct);
        var missing = await Assert.ThrowsAsync<Readiness.ApiClient.Models.ProblemDetails>(() =>
            client.Api.Recommendations[Guid.NewGuid()].GetAsync(cancellationToken: ct)
        );

        var row = Assert.Single(page!.Items!);
        Assert.Equal((1, "Water supply for high-rise fires"), (page.Total, row.Title));
        Assert.Equal(Readiness.ApiClient.Models.Rag.Amber, row.Rag);
        Assert.Equal(Readiness.ApiClient.Models.DeliveryStatus.InProgress, one!.Status);
        Assert.Equal(_recommendation.Text, one.Text);
        Assert.Equal(1, summary!.Total);
        Assert.Equal(404, missing.Status);
        Assert.NotNull(changes!.Next);
        Assert.All(changes.Items!, c => Assert.False(string.IsNullOrEmpty(c.Cursor)));
    }

    [Fact]
    public async Task The_committed_client_is_what_kiota_generates_from_the_served_document()
    {
        await GivenAsync();
        var document = Path.Combine(Path.GetTempPath(), $"readiness-openapi-{Guid.NewGuid():N}.json");
        var generated = Path.Combine(Path.GetTempPath(), $"readiness-client-{Guid.NewGuid():N}");
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(
            document,
            await Client(_lead.Email).GetStringAsync(new Uri("/api/openapi/v1.json", UriKind.Relative), ct),
            ct
        );
        try
        {
            var start = new ProcessStartInfo("bash", [Path.Combine(ClientDirectory, "generate.sh"), document, generated]);
            var result = await ProcessRun.RunAsync(start, ct);
            Assert.True(result.ExitCode == 0, result.Output);

            var committed = Files(Path.Combine(ClientDirectory, "Generated"));
            var fresh = Files(generated);
            Assert.True(
                committed.Count == fresh.Count && committed.All(f => fresh.TryGetValue(f.Key, out var text) && text == f.Value),
                $"The committed API client differs from what the served document generates. Run: tests/Readiness.ApiClient/generate.sh "
                    + $"{document} (kept for you), then commit tests/Readiness.ApiClient/Generated. Differs: "
                    + string.Join(
                        ", ",
                        committed.Keys.Union(fresh.Keys).Where(k => committed.GetValueOrDefault(k) != fresh.GetValueOrDefault(k))
                    )
            );
            File.Delete(document);
        }
        finally
        {
            if (Directory.Exists(generated))
            {
                Directory.Delete(generated, recursive: true);
            }
        }
    }

    private static Dictionary<string, string> Files(string directory) =>
        Directory
            .EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"));
}
