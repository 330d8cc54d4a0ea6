using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Readiness.Core.Recommendations;

namespace Readiness.Web.Features.Shared;

/// <summary>
/// A page's protective marking: the service's own marking, raised to the highest marking of what the page shows.
/// A controller that shows recommendations' content sets <see cref="ViewDataKey"/>; the layout prints the result.
/// </summary>
public static class Markings
{
    public const string ViewDataKey = "Marking";

    public static string ForPage(ViewDataDictionary viewData, string serviceMarking) =>
        Vocabulary.Describe(
            NeedToKnow.Highest(viewData[ViewDataKey] is ProtectiveMarking shown ? [shown] : [], NeedToKnow.Parse(serviceMarking))
        );
}
