using System.Text.RegularExpressions;

namespace Readiness.Web.Features.Shared;

/// <summary>Enum values as they appear in URLs: InProgress is in-progress.</summary>
public static partial class Slugs
{
    public static string Of<T>(T value)
        where T : struct, Enum => KebabBoundary().Replace(value.ToString(), "$1-$2").ToLowerInvariant();

    public static T? Parse<T>(string? slug)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(slug)
            ? null
            : Enum.GetValues<T>()
                .Cast<T?>()
                .FirstOrDefault(v => string.Equals(Of(v!.Value), slug.Trim(), StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex KebabBoundary();
}
