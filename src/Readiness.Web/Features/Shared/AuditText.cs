using System.Text.Json;
using System.Text.RegularExpressions;
using Readiness.Core.Auditing;

namespace Readiness.Web.Features.Shared;

/// <summary>Audit events in words: "Milestone added", "Response: Pending to Accepted".</summary>
public static partial class AuditText
{
    public static string Describe(AuditEvent change) =>
        $"{Words(change.EntityType)} {change.Action switch { "Added" => "added", "Deleted" => "removed", _ => "changed" }}";

    public static IEnumerable<string> Changes(AuditEvent change)
    {
        var before = Values(change.OldValues);
        var after = Values(change.NewValues);
        foreach (var name in after.Keys.Union(before.Keys).Where(k => !k.EndsWith("Id", StringComparison.Ordinal)))
        {
            before.TryGetValue(name, out var old);
            after.TryGetValue(name, out var @new);
            if (change.Action == "Added" && string.IsNullOrEmpty(@new))
            {
                continue;
            }

            yield return change.Action switch
            {
                "Added" => $"{Words(name)}: {Shorten(@new)}",
                "Deleted" => $"{Words(name)} was {Shorten(old)}",
                _ => $"{Words(name)}: {Shorten(old) ?? "blank"} to {Shorten(@new) ?? "blank"}",
            };
        }
    }

    private static Dictionary<string, string?> Values(JsonDocument? document) =>
        document is null
            ? []
            : document
                .RootElement.EnumerateObject()
                .ToDictionary(
                    p => p.Name,
                    p =>
                        p.Value.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.String => p.Value.GetString(),
                            _ => p.Value.GetRawText(),
                        }
                );

    private static string? Shorten(string? value) => value is { Length: > 120 } ? value[..117] + "..." : value;

    private static string Words(string name)
    {
        var words = WordBoundary().Replace(name, "$1 $2").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex WordBoundary();
}
