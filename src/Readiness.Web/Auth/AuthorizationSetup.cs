using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

public static class Policies
{
    public const string ProgrammeOffice = nameof(ProgrammeOffice);

    /// <summary>Board reports: executives read them; the programme office issues them.</summary>
    public const string Reports = nameof(Reports);

    /// <summary>The read API: any Readiness user, authenticated by bearer token (or the development header), never by cookie.</summary>
    public const string Api = nameof(Api);
}

public static class Operations
{
    private static readonly Dictionary<RecommendationAction, OperationAuthorizationRequirement> Requirements =
        Enum.GetValues<RecommendationAction>().ToDictionary(a => a, a => new OperationAuthorizationRequirement { Name = a.ToString() });

    public static OperationAuthorizationRequirement For(RecommendationAction action) => Requirements[action];
}

/// <summary>Role and agency ownership: whether the signed-in person may take an action on a recommendation with this ownership.</summary>
public sealed class RecommendationOwnershipHandler : AuthorizationHandler<OperationAuthorizationRequirement, RecommendationOwnership>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement,
        RecommendationOwnership resource
    )
    {
        if (
            Enum.TryParse<RecommendationAction>(requirement.Name, out var action)
            && CurrentUser.From(context.User) is { } user
            && RecommendationWorkflow.IsAllowed(action, user.Role, user.AgencyId, resource)
        )
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class AuthorizationSetup
{
    public static IServiceCollection AddReadinessAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, RecommendationOwnershipHandler>();
        services
            .AddAuthorizationBuilder()
            .SetFallbackPolicy(
                new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(System.Security.Claims.ClaimTypes.Role).Build()
            )
            .AddPolicy(Policies.ProgrammeOffice, policy => policy.RequireRole(nameof(Role.ProgrammeOffice)))
            .AddPolicy(Policies.Reports, policy => policy.RequireRole(nameof(Role.ProgrammeOffice), nameof(Role.Executive)))
            .AddPolicy(
                Policies.Api,
                policy =>
                    policy
                        .AddAuthenticationSchemes(AuthenticationSetup.ApiScheme)
                        .RequireAuthenticatedUser()
                        .RequireClaim(System.Security.Claims.ClaimTypes.Role)
            );
        return services;
    }
}
