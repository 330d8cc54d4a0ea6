using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Readiness.Web.Infrastructure;

/// <summary>
/// The read API's OpenAPI document, at /api/openapi/v1.json: only the /api/ endpoints, how to authenticate, and the
/// problem responses every operation can give, so generated clients and linters (Redocly's recommended rules) accept it.
/// </summary>
public static class ApiDocumentation
{
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Recommendations", "The register and each recommendation's detail, milestones and progress, scoped as the pages are."),
        ("Reviews", "The reviews whose recommendations Readiness tracks, and their themes."),
        ("Summary", "Counts by delivery status, RAG and lead agency, for dashboards."),
        ("Changes", "What changed since a cursor, each change once, for BI tools and systems that keep a copy."),
    ];

    /// <summary>What any operation may answer besides its own responses: every one needs a token and is rate limited.</summary>
    private static readonly (int Status, string Description, bool RetryAfter)[] CommonProblems =
    [
        (401, "No valid bearer token was sent.", false),
        (403, "The caller's role may not use the API, or may not read this recommendation.", false),
        (429, "Too many requests from this caller; wait for the seconds in Retry-After.", true),
        (503, "The database is unavailable; try again after the seconds in Retry-After.", true),
    ];

    public static IServiceCollection AddReadinessOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(
            "v1",
            options =>
            {
                options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
                options.AddDocumentTransformer(
                    (document, _, _) =>
                    {
                        document.Info = new OpenApiInfo
                        {
                            Title = "Readiness read API",
                            Version = "v1",
                            Description =
                                "Reviews, recommendations, milestones, progress history and summary counts, scoped exactly as the pages "
                                + "are. "
                                + "Send an Entra ID access token for the Readiness app registration as a bearer token (in development "
                                + "mode, the X-Dev-User header). "
                                + "Errors are problem details (RFC 9457).",
                        };
                        document.Info.License = new OpenApiLicense
                        {
                            Name =
                                "Crown copyright: OFFICIAL data for authorised partners under their access agreement; not an open licence",
                            Url = new Uri(
                                "https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/"
                                    + "uk-government-licensing-framework/crown-copyright/"
                            ),
                        };
                        document.Servers = [new OpenApiServer { Url = "/", Description = "The Readiness service serving this document" }];
                        document.Tags = new HashSet<OpenApiTag>(
                            Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
                        );
                        document.Components ??= new OpenApiComponents();
                        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                        {
                            ["Bearer"] = new OpenApiSecurityScheme
                            {
                                Type = SecuritySchemeType.Http,
                                Scheme = "bearer",
                                BearerFormat = "JWT",
                                Description = "An Entra ID access token for the Readiness app registration.",
                            },
                        };
                        document.Security =
                        [
                            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] },
                        ];
                        return Task.CompletedTask;
                    }
                );
                options.AddOperationTransformer(
                    (operation, context, _) =>
                    {
                        operation.Responses ??= [];
                        foreach (var problem in CommonProblems.Where(p => !operation.Responses.ContainsKey($"{p.Status}")))
                        {
                            operation.Responses[$"{problem.Status}"] = Problem(problem, context.Document!);
                        }

                        return Task.CompletedTask;
                    }
                );
            }
        );

    private static OpenApiResponse Problem((int Status, string Description, bool RetryAfter) problem, OpenApiDocument document) =>
        new()
        {
            Description = problem.Description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = new OpenApiSchemaReference("ProblemDetails", document),
                    Example = new JsonObject
                    {
                        ["title"] = Features.Errors.ErrorsController.ApiTitle(problem.Status),
                        ["status"] = problem.Status,
                    },
                },
            },
            Headers = problem.RetryAfter
                ? new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Seconds to wait before trying again.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    },
                }
                : null,
        };
}
