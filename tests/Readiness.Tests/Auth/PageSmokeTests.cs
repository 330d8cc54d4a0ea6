using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;

namespace Readiness.Tests.Auth;

/// <summary>Every page the app can show, opened by each role on the demonstration data: none may fail with a server error.</summary>
public sealed partial class PageSmokeTests(AppFixture fixture) : IntegrationTest(fixture)
{
    [Theory]
    [InlineData(Role.ProgrammeOffice)]
    [InlineData(Role.AgencyLead)]
    [InlineData(Role.Executive)]
    [InlineData(Role.Viewer)]
    public async Task Every_page_opens_without_a_server_error(Role role)
    {
        await App.WithDbAsync(db => ActivatorUtilities.CreateInstance<DemoDataSeeder>(App.Services, db).SeedAsync(CancellationToken.None));
        var values = await App.WithDbAsync(async db =>
        {
            var recommendation = await db
                .Recommendations.Where(r =>
                    r.Response == ResponseStatus.Accepted && r.DeliveryStatus == DeliveryStatus.InProgress && r.Milestones.Any()
                )
                .OrderBy(r => r.Reference)
                .FirstAsync();
            var evidence = new EvidenceItem
            {
                RecommendationId = recommendation.Id,
                Title = "Smoke",
                EvidenceDate = new DateOnly(2026, 1, 1),
            };
            var version = new EvidenceFileVersion
            {
                EvidenceItemId = evidence.Id,
                VersionNumber = 1,
                FileName = "a.pdf",
                ContentType = "application/pdf",
                SizeBytes = 5,
                Sha256 = new string('0', 64),
            };
            var request = new TargetDateChangeRequest
            {
                RecommendationId = recommendation.Id,
                RequestedDate = new DateOnly(2028, 1, 1),
                Reason = "Smoke",
            };
            db.AddRange(evidence, version, new EvidenceFileContent { FileVersionId = version.Id, Content = "%PDF-"u8.ToArray() }, request);
            await db.SaveChangesAsync();
            return new Dictionary<string, string>
            {
                ["id"] = recommendation.Id.ToString(),
                ["milestoneId"] = (
                    await db.Milestones.Where(m => m.RecommendationId == recommendation.Id).Select(m => m.Id).FirstAsync()
                ).ToString(),
                ["itemId"] = evidence.Id.ToString(),
                ["requestId"] = request.Id.ToString(),
                ["number"] = "1",
                ["code"] = "404",
            };
        });
        var adminIds = await App.WithDbAsync(async db => new Dictionary<string, string>
        {
            ["/admin/reviews"] = (await db.Reviews.Select(r => r.Id).FirstAsync()).ToString(),
            ["/admin/agencies"] = (await db.Agencies.Select(a => a.Id).FirstAsync()).ToString(),
            ["/admin/users"] = (await db.Users.Select(u => u.Id).FirstAsync()).ToString(),
        });
        var user = await App.WithDbAsync(db => db.Users.Where(u => u.Role == role).Select(u => u.Email).FirstAsync());
        var client = Client(user);
        var routes = App
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !r.Contains("{step", StringComparison.Ordinal) && !r.StartsWith("/sign-in/entra", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var failures = new List<string>();

        foreach (var route in routes)
        {
            var admin = adminIds.Keys.FirstOrDefault(prefix => route.StartsWith(prefix, StringComparison.Ordinal));
            var url = Parameter()
                .Replace(
                    route,
                    m => m.Groups[1].Value == "id" && admin is not null ? adminIds[admin] : values.GetValueOrDefault(m.Groups[1].Value, "")
                );
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(routes.Count > 20, $"Only {routes.Count} pages were found.");
        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\n" + string.Join("\n", App.Logged.Errors));
    }

    [GeneratedRegex("\\{\\**([a-zA-Z]+)(:[^}]+)?\\}")]
    private static partial Regex Parameter();
}
