namespace Readiness.Core.Recommendations;

/// <summary>
/// What the programme office sets about a recommendation, from the edit form or an import row: one operation applies it,
/// so the two cannot drift. A target date is set here only when there is none yet; after that it changes only through
/// a target date request. The owner is set only with <c>SetsOwner</c> (the edit form); an import leaves it as it is.
/// </summary>
public sealed record RecommendationDetails(
    Guid ReviewId,
    string Reference,
    Guid? ThemeId,
    string Title,
    string Text,
    Guid LeadAgencyId,
    IReadOnlyCollection<Guid> SupportingAgencyIds,
    Priority Priority,
    bool IsMonitored,
    ProtectiveMarking Marking,
    bool IsPublishable,
    DateOnly? FirstTargetDate = null,
    bool SetsOwner = false,
    Guid? OwnerUserId = null
)
{
    /// <summary>
    /// The publishing rule as a check before saving (<see cref="RecommendationRules.IsPublishable"/> is the same rule for reading).
    /// </summary>
    public bool BreaksPublishingRule => BreaksPublishing(IsPublishable, Marking);

    public static bool BreaksPublishing(bool publishable, ProtectiveMarking? marking) =>
        publishable && marking == ProtectiveMarking.OfficialSensitive;

    public const string PublishingRuleMessage = "An OFFICIAL-SENSITIVE recommendation cannot be published";

    private IReadOnlySet<Guid> Supporting => SupportingAgencyIds.Where(a => a != LeadAgencyId).ToHashSet();

    /// <summary>Whether applying these details would change the recommendation.</summary>
    public bool Differs(Recommendation r) =>
        r.ReviewId != ReviewId
        || r.Reference != Reference
        || r.Title != Title
        || r.Text != Text
        || r.ThemeId != ThemeId
        || r.LeadAgencyId != LeadAgencyId
        || !r.SupportingAgencies.Select(s => s.AgencyId).ToHashSet().SetEquals(Supporting)
        || (FirstTargetDate is not null && r.CurrentTargetDate is null)
        || r.Priority != Priority
        || r.IsMonitored != IsMonitored
        || r.Marking != Marking
        || r.IsPublishable != IsPublishable
        || (SetsOwner && r.OwnerUserId != OwnerUserId);

    public void ApplyTo(Recommendation r)
    {
        if (BreaksPublishingRule)
        {
            throw new InvalidOperationException(PublishingRuleMessage);
        }

        r.ReviewId = ReviewId;
        r.Reference = Reference;
        r.ThemeId = ThemeId;
        r.Title = Title;
        r.Text = Text;
        r.LeadAgencyId = LeadAgencyId;
        r.Priority = Priority;
        r.IsMonitored = IsMonitored;
        r.Marking = Marking;
        r.IsPublishable = IsPublishable;
        if (SetsOwner)
        {
            r.OwnerUserId = OwnerUserId;
        }

        if (r.CurrentTargetDate is null && FirstTargetDate is { } target)
        {
            r.OriginalTargetDate = target;
            r.CurrentTargetDate = target;
        }

        var wanted = Supporting;
        r.SupportingAgencies.RemoveAll(s => !wanted.Contains(s.AgencyId));
        foreach (var agency in wanted.Where(a => r.SupportingAgencies.TrueForAll(s => s.AgencyId != a)))
        {
            r.SupportingAgencies.Add(new SupportingAgency { RecommendationId = r.Id, AgencyId = agency });
        }
    }
}
