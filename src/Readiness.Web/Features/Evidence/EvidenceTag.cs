using Readiness.Core.Evidence;

namespace Readiness.Web.Features.Evidence;

public static class EvidenceTag
{
    public static string Describe(EvidenceStatus status) =>
        status switch
        {
            EvidenceStatus.Accepted => "Accepted",
            EvidenceStatus.SentBack => "Sent back",
            _ => "Awaiting review",
        };

    public static string ClassFor(EvidenceStatus status) =>
        status switch
        {
            EvidenceStatus.Accepted => "govuk-tag govuk-tag--green",
            EvidenceStatus.SentBack => "govuk-tag govuk-tag--red",
            _ => "govuk-tag govuk-tag--yellow",
        };
}
