using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Readiness.Core.Data;
using Readiness.Core.Evidence;
using Readiness.Core.Recommendations;
using Readiness.Web.Auth;

namespace Readiness.Web.Features.Recommendations;

/// <summary>The outcome of asking to act on a recommendation: the tracked recommendation, or the response to give instead.</summary>
public sealed record Gate(Recommendation? Recommendation, IActionResult? Refusal)
{
    public Recommendation Open => Recommendation!;
}

/// <summary>
/// Every action on a recommendation passes here first: it exists (404), this person may take the action on it (403,
/// by role and agency ownership), and its state allows the action now (a page that says why not).
/// </summary>
public sealed class RecommendationGate(
    ReadinessDbContext db,
    IAuthorizationService authorization,
    Infrastructure.ActingFor actingFor,
    TimeProvider clock
)
{
    public async Task<Gate> OpenAsync(Controller controller, Guid id, RecommendationAction action, CancellationToken cancellationToken)
    {
        var recommendation = await db
            .Recommendations.Include(r => r.SupportingAgencies)
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (recommendation is null)
        {
            return new Gate(null, controller.NotFound());
        }

        if (
            !(
                await authorization.AuthorizeAsync(controller.User, RecommendationOwnership.Of(recommendation), Operations.For(action))
            ).Succeeded
        )
        {
            return new Gate(null, controller.Forbid());
        }

        controller.ViewData[Shared.Markings.ViewDataKey] = recommendation.Marking;
        await NoteCoverAsync(controller, recommendation, cancellationToken);

        var state = await StateAsync(recommendation, cancellationToken);
        var selfApproval = RecommendationWorkflow.SelfApproval(action, state, Auth.CurrentUser.From(controller.User)?.Id);
        if ((RecommendationWorkflow.Obstacle(action, state) ?? selfApproval) is { } obstacle)
        {
            // A state that does not allow the action is a conflict; approving one's own proposal is not allowed at all.
            controller.Response.StatusCode = obstacle == selfApproval ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict;
            return new Gate(
                null,
                controller.View(
                    "~/Features/Recommendations/Blocked.cshtml",
                    new BlockedViewModel(recommendation.Id, recommendation.Reference, obstacle)
                )
            );
        }

        return new Gate(recommendation, null);
    }

    /// <summary>A deputy acting on a recommendation owned by the lead they are covering for acts for that lead.</summary>
    private async Task NoteCoverAsync(Controller controller, Recommendation recommendation, CancellationToken cancellationToken)
    {
        if (recommendation.OwnerUserId is not { } owner || Auth.CurrentUser.From(controller.User) is not { } user || owner == user.Id)
        {
            return;
        }

        var lead = await db
            .Covers.Where(c => c.LeadUserId == owner && c.DeputyUserId == user.Id)
            .Where(Core.Users.Cover.InForce(Core.LondonTime.Today(clock)))
            .Select(c => c.Lead!.Email)
            .FirstOrDefaultAsync(cancellationToken);
        if (lead is not null)
        {
            actingFor.Lead = (owner, lead);
        }
    }

    /// <summary>Whether the signed-in person may open this recommendation's evidence (pages, downloads and the API alike).</summary>
    public static bool CanSeeEvidence(System.Security.Claims.ClaimsPrincipal principal, Recommendation recommendation) =>
        Auth.CurrentUser.From(principal) is { } user
        && RecommendationAccess.CanSeeEvidence(user.Role, user.AgencyId, RecommendationOwnership.Of(recommendation));

    public async Task<RecommendationState> StateAsync(Recommendation recommendation, CancellationToken cancellationToken)
    {
        var facts = await db
            .Recommendations.Where(r => r.Id == recommendation.Id)
            .Select(r => new
            {
                OpenMilestones = r.Milestones.Count(m => m.CompletedOn == null),
                Pending = r.TargetDateRequests.Any(t => t.State == TargetDateRequestState.Pending),
                AcceptedEvidence = db.EvidenceItems.Any(e => e.RecommendationId == r.Id && e.Status == EvidenceStatus.Accepted),
                ProposedBy = r
                    .StatusChanges.Where(c => c.ToStatus == DeliveryStatus.ClosureProposed)
                    .OrderByDescending(c => c.ChangedAt)
                    .Select(c => c.ChangedByUserId)
                    .FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        return new RecommendationState(
            recommendation.Response,
            recommendation.DeliveryStatus,
            facts.OpenMilestones,
            facts.Pending,
            facts.AcceptedEvidence,
            recommendation.DeliveryStatus == DeliveryStatus.ClosureProposed ? facts.ProposedBy : null
        );
    }

    /// <summary>
    /// <see cref="StateAsync"/> for a recommendation read with its milestones and target date requests (the recommendation
    /// page) and whether it has accepted evidence: only who proposed closure is asked, and only while closure is proposed.
    /// </summary>
    public async Task<RecommendationState> StateOfLoadedAsync(
        Recommendation recommendation,
        bool hasAcceptedEvidence,
        CancellationToken cancellationToken
    ) =>
        new(
            recommendation.Response,
            recommendation.DeliveryStatus,
            recommendation.Milestones.Count(m => m.CompletedOn == null),
            recommendation.TargetDateRequests.Any(t => t.State == TargetDateRequestState.Pending),
            hasAcceptedEvidence,
            recommendation.DeliveryStatus == DeliveryStatus.ClosureProposed
                ? await db
                    .StatusChanges.Where(c => c.RecommendationId == recommendation.Id && c.ToStatus == DeliveryStatus.ClosureProposed)
                    .OrderByDescending(c => c.ChangedAt)
                    .Select(c => c.ChangedByUserId)
                    .FirstOrDefaultAsync(cancellationToken)
                : null
        );

    public async Task<AvailableActions> AvailableAsync(
        System.Security.Claims.ClaimsPrincipal user,
        Recommendation recommendation,
        CancellationToken cancellationToken
    ) => await AvailableAsync(user, recommendation, await StateAsync(recommendation, cancellationToken));

    /// <summary>
    /// The actions this person may take on the recommendation now, for showing only the buttons that will work, and why
    /// any their role allows is withheld from them as self-approval.
    /// </summary>
    public async Task<AvailableActions> AvailableAsync(
        System.Security.Claims.ClaimsPrincipal user,
        Recommendation recommendation,
        RecommendationState state
    )
    {
        var actor = Auth.CurrentUser.From(user)?.Id;
        var available = new HashSet<RecommendationAction>();
        var withheld = new List<string>();
        foreach (var action in Enum.GetValues<RecommendationAction>())
        {
            if (!(await authorization.AuthorizeAsync(user, RecommendationOwnership.Of(recommendation), Operations.For(action))).Succeeded)
            {
                continue;
            }

            if (RecommendationWorkflow.Obstacle(action, state) is not null)
            {
                continue;
            }

            if (RecommendationWorkflow.SelfApproval(action, state, actor) is { } why)
            {
                withheld.Add(why);
            }
            else
            {
                available.Add(action);
            }
        }

        return new AvailableActions(available, withheld);
    }
}

public sealed record BlockedViewModel(Guid Id, string Reference, string Reason);

public sealed record AvailableActions(IReadOnlySet<RecommendationAction> Actions, IReadOnlyList<string> Withheld)
{
    public bool Contains(RecommendationAction action) => Actions.Contains(action);
}
