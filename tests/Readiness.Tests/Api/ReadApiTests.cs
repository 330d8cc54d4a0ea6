using System.Net;
using System.Text.Json;
using Readiness.Core.Agencies;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;
using Readiness.Tests.Infrastructure;
using Readiness.TestSupport;

namespace Readiness.Tests.Api;

public sealed class ReadApiTests(AppFixture fixture) : IntegrationTest(fixture)
{
    private static readonly string[] ApiPaths =
    [
        "/api/reviews",
        "/api/recommendations",
        "/api/recommendations/{id}",
        "/api/recommendations/{id}/milestones",
        "/api/recommendations/{id}/progress",
        "/api/summary",
        "/api/changes",
    ];

    private readonly Agency _fire = Build.Agency("LFB");
    private readonly Agency _police = Build.Agency("MPS");
    private Recommendation _fireRecommendation = null!;
    private UserAccount _fireLead = null!;
    private UserAccount _policeLead = null!;

    private async Task GivenAsync()
    {
        var review = Build.Review("API22");
        _fireLead = Build.User(Role.AgencyLead, _fire);
        _policeLead = Build.User(Role.AgencyLead, _police);
        _fireRecommendation = Build.Recommendation(review, _fire);
        _fireRecommendation.Title = "Fire brigade water supply";
        _fireRecommendation.Response = ResponseStatus.Accepted;
        _fireRecommendation.DeliveryStatus = DeliveryStatus.InProgress;
        var policeRecommendation = Build.Recommendation(review, _police);
        policeRecommendation.DeliveryStatus = DeliveryStatus.Complete;
        var milestone = Build.Milestone(_fireRecommendation, _fire, new DateOnly(2026, 11, 1));
        milestone.Title = "Survey the hydrants";
        var update = new ProgressUpdate
        {
            RecommendationId = _fireRecommendation.Id,
            AuthorUserId = _fireLead.Id,
            ReportingPeriod = new DateOnly(2026, 11, 1),
            Narrative = "Survey under way",
            PostedAt = ReadinessApp.DefaultNow,
            DeliveryStatus = DeliveryStatus.InProgress,
            Rag = Rag.Amber,
        };
        var evidence = new EvidenceItem
        {
            RecommendationId = _fireRecommendation.Id,
            Title = "Confidential hydrant survey",
            EvidenceDate = new DateOnly(2026, 10, 1),
            SubmittedByUserId = _fireLead.Id,
            SubmittedAt = ReadinessApp.DefaultNow,
        };
        await App.SaveAsync(
            _fire,
            _police,
            review,
            _fireLead,
            _policeLead,
            _fireRecommendation,
            policeRecommendation,
            milestone,
            update,
            evidence
        );
    }

    private async Task<(HttpStatusCode Status, JsonElement Json, string Body, string? ContentType)> GetAsync(string path, string? email)
    {
        var response = await Client(email).GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var json =
            body.Length > 0 && body.TrimStart().StartsWith('{') || body.TrimStart().StartsWith('[')
                ? JsonDocument.Parse(body).RootElement
                : default;
        return (response.StatusCode, json, body, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/reviews")]
    [InlineData("/api/recommendations")]
    [InlineData("/api/summary")]
    [InlineData("/api/recommendations/0198a6a0-0000-7000-8000-000000000000")]
    [InlineData("/api/recommendations/0198a6a0-0000-7000-8000-000000000000/milestones")]
    public async Task Without_a_token_the_api_answers_401_as_problem_details(string path)
    {
        var (status, json, _, contentType) = await GetAsync(path, email: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(401, json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_signed_in_browser_cookie_is_not_accepted_by_the_api()
    {
        await GivenAsync();
        var cookies = new CookieContainer();
        using var browser = App.CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        await browser.PostFormAsync("/sign-in", "/sign-in", new Dictionary<string, string> { ["email"] = _fireLead.Email });

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/account", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(new Uri("/api/reviews", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_register_is_paged_and_filtered_like_the_page()
    {
        await GivenAsync();

        var all = await GetAsync("/api/recommendations?pageSize=1", _policeLead.Email);
        var inProgress = await GetAsync("/api/recommendations?status=in-progress", _policeLead.Email);
        var byAgency = await GetAsync("/api/recommendations?agency=MPS", _policeLead.Email);
        var searched = await GetAsync("/api/recommendations?q=hydrant%20OR%20water", _policeLead.Email);

        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(
            (2, 1, 2),
            (
                all.Json.GetProperty("total").GetInt32(),
                all.Json.GetProperty("items").GetArrayLength(),
                all.Json.GetProperty("pageCount").GetInt32()
            )
        );
        Assert.Equal(_fireRecommendation.Reference, inProgress.Json.GetProperty("items")[0].GetProperty("reference").GetString());
        Assert.Equal("InProgress", inProgress.Json.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal(1, inProgress.Json.GetProperty("total").GetInt32());
        Assert.Equal("Agency MPS", byAgency.Json.GetProperty("items")[0].GetProperty("leadAgency").GetString());
        Assert.Equal(1, searched.Json.GetProperty("total").GetInt32());
        Assert.True(inProgress.Json.GetProperty("items")[0].GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task A_page_past_the_end_is_empty_not_the_last_page_again()
    {
        await GivenAsync();

        var second = await GetAsync("/api/recommendations?pageSize=1&page=2", _policeLead.Email);
        var beyond = await GetAsync("/api/recommendations?pageSize=1&page=3", _policeLead.Email);

        Assert.Equal(1, second.Json.GetProperty("items").GetArrayLength());
        Assert.Equal(
            (HttpStatusCode.OK, 3, 0, 2, 2),
            (
                beyond.Status,
                beyond.Json.GetProperty("page").GetInt32(),
                beyond.Json.GetProperty("items").GetArrayLength(),
                beyond.Json.GetProperty("total").GetInt32(),
                beyond.Json.GetProperty("pageCount").GetInt32()
            )
        );
    }

    [Theory]
    [InlineData("pageSize=500", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("status=finished", "status")]
    [InlineData("rag=purple", "rag")]
    [InlineData("sort=colour", "sort")]
    public async Task A_bad_filter_is_a_400_problem_that_names_it(string query, string field)
    {
        await GivenAsync();

        var (status, json, _, contentType) = await GetAsync($"/api/recommendations?{query}", _policeLead.Email);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Contains(json.GetProperty("errors").EnumerateObject(), e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Another_agencys_evidence_is_only_counted_never_listed()
    {
        await GivenAsync();

        var other = await GetAsync($"/api/recommendations/{_fireRecommendation.Id}", _policeLead.Email);
        var owner = await GetAsync($"/api/recommendations/{_fireRecommendation.Id}", _fireLead.Email);

        Assert.Equal(HttpStatusCode.OK, other.Status);
        var hidden = other.Json.GetProperty("evidence");
        Assert.Equal(
            (1, false, JsonValueKind.Null),
            (hidden.GetProperty("count").GetInt32(), hidden.GetProperty("visible").GetBoolean(), hidden.GetProperty("items").ValueKind)
        );
        Assert.DoesNotContain("Confidential hydrant survey", other.Body, StringComparison.Ordinal);
        Assert.Equal(
            "Confidential hydrant survey",
            owner.Json.GetProperty("evidence").GetProperty("items")[0].GetProperty("title").GetString()
        );
        Assert.Equal("Red", owner.Json.GetProperty("rag").GetString());
        Assert.StartsWith("Red because 1 milestone is overdue", owner.Json.GetProperty("ragReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milestones_progress_reviews_and_summary_are_readable()
    {
        await GivenAsync();

        var milestones = await GetAsync($"/api/recommendations/{_fireRecommendation.Id}/milestones", _policeLead.Email);
        var progress = await GetAsync($"/api/recommendations/{_fireRecommendation.Id}/progress", _policeLead.Email);
        var reviews = await GetAsync("/api/reviews", _policeLead.Email);
        var summary = await GetAsync("/api/summary?review=API22", _policeLead.Email);

        Assert.Equal("Survey the hydrants", milestones.Json[0].GetProperty("title").GetString());
        Assert.True(milestones.Json[0].GetProperty("overdue").GetBoolean());
        Assert.Equal("Survey under way", progress.Json[0].GetProperty("narrative").GetString());
        Assert.Equal("API22", reviews.Json[0].GetProperty("code").GetString());
        Assert.Equal(2, summary.Json.GetProperty("total").GetInt32());
        Assert.Equal(1, summary.Json.GetProperty("byStatus").GetProperty("Complete").GetInt32());
        Assert.Equal(
            1,
            summary
                .Json.GetProperty("byAgency")
                .EnumerateArray()
                .Single(a => a.GetProperty("code").GetString() == "LFB")
                .GetProperty("overdue")
                .GetInt32()
        );
    }

    [Fact]
    public async Task An_unknown_recommendation_is_a_404_problem()
    {
        await GivenAsync();

        var (status, json, _, contentType) = await GetAsync($"/api/recommendations/{Guid.CreateVersion7()}/progress", _policeLead.Email);

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (status, contentType));
        Assert.Equal(404, json.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_bearer_authentication_to_authenticated_callers_only()
    {
        await GivenAsync();
        var (anonymous, _, _, _) = await GetAsync("/api/openapi/v1.json", email: null);
        var (status, json, _, _) = await GetAsync("/api/openapi/v1.json", _policeLead.Email);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equivalent(ApiPaths, paths);
        Assert.Equal(
            "bearer",
            json.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString()
        );
    }
}
