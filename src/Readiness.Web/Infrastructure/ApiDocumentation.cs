using Microsoft.OpenApi;

namespace Readiness.Web.Infrastructure;

/// <summary>The read API's OpenAPI document, at /api/openapi/v1.json: only the /api/ endpoints, and how to authenticate.</summary>
public static class ApiDocumentation
{
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
            }
        );
}
