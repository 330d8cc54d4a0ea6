using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Readiness.Core.Recommendations;
using Readiness.Core.Users;

namespace Readiness.Web.Auth;

public static class Policies
{
    public const string ProgrammeOffice = nameof(ProgrammeOffice);
}

public static class Operations
{
    public static readonly OperationAuthorizationRequirement ChangeRecommendation = new() { Name = nameof(ChangeRecommendation) };
}

/// <summary>Agency ownership: whether the signed-in person may change a recommendation with this ownership.</summary>
public sealed class RecommendationOwnershipHandler : AuthorizationHandler<OperationAuthorizationRequirement, RecommendationOwnership>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, RecommendationOwnership resource)
    {
        if (requirement == Operations.ChangeRecommendation
            && CurrentUser.From(context.User) is { } user
            && RecommendationAccess.CanChange(user.Role, user.AgencyId, resource))
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
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(System.Security.Claims.ClaimTypes.Role)
                .Build())
            .AddPolicy(Policies.ProgrammeOffice, policy => policy.RequireRole(nameof(Role.ProgrammeOffice)));
        return services;
    }
}
