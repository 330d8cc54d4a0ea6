using System.Diagnostics;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Api;

/// <summary>The OpenAPI document as a client author meets it: linted by Redocly CLI with its recommended rules.</summary>
public sealed class ApiDescriptionTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private async Task<string> DocumentAsync()
    {
        var caller = Build.User(Role.Executive);
        await App.SaveAsync(caller);
        return await Client(caller.Email)
            .GetStringAsync(new Uri("/api/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_summary_a_described_tag_and_its_problem_responses_and_enums_are_strings()
    {
        using var json = System.Text.Json.JsonDocument.Parse(await DocumentAsync());
        var root = json.RootElement;
        var tags = root.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t);
        var operations = root.GetProperty("paths")
            .EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Select(o => o.Value)
            .ToList();

        Assert.Equal(7, operations.Select(o => o.GetProperty("operationId").GetString()).Distinct().Count());
        Assert.All(
            operations,
            o =>
            {
                Assert.False(string.IsNullOrWhiteSpace(o.GetProperty("summary").GetString()));
                Assert.All(
                    o.GetProperty("tags").EnumerateArray(),
                    t => Assert.True(tags[t.GetString()!].TryGetProperty("description", out _))
                );
                var responses = o.GetProperty("responses");
                Assert.All(["401", "403", "429", "503"], status => Assert.True(responses.TryGetProperty(status, out _), status));
            }
        );
        var rag = root.GetProperty("components").GetProperty("schemas").GetProperty("Rag");
        Assert.Equal(["Green", "Amber", "Red"], rag.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).OfType<string>());
        Assert.Equal("/", root.GetProperty("servers")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task Redocly_lints_the_document_with_its_recommended_rules_at_no_errors_and_no_warnings()
    {
        var redocly = Path.Combine(ReadinessApp.RepositoryDirectory(), "tests", "tools", "node_modules", ".bin", "redocly");
        if (!File.Exists(redocly))
        {
            Assert.Skip("Redocly CLI is not installed: tests/run.sh installs it (npm ci in tests/tools).");
        }

        var file = Path.Combine(Path.GetTempPath(), $"readiness-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await DocumentAsync(), TestContext.Current.CancellationToken);
        try
        {
            var start = new ProcessStartInfo(redocly, ["lint", file, "--extends", "recommended", "--format", "stylish"]);
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            var result = await ProcessRun.RunAsync(start, TestContext.Current.CancellationToken);

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.DoesNotContain("warning", result.Output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
