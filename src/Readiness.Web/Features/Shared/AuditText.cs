using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Readiness.Core.Auditing;

namespace Readiness.Web.Features.Shared;

/// <summary>An audit event as the history tables show it.</summary>
public sealed record AuditRow(DateTimeOffset OccurredAt, string ActorName, string What, IReadOnlyList<string> Changes);

/// <summary>Audit events in words: "Milestone added", "Response: Pending to Accepted".</summary>
public static partial class AuditText
{
    /// <summary>
    /// The events in words, their JSON documents disposed: a document gives the buffers it rents back to the shared pool
    /// only then, and without that every page showing history allocated them afresh (about 90 KB a recommendation page).
    /// </summary>
    public static IReadOnlyList<AuditRow> Rows(IReadOnlyList<AuditEvent> events)
    {
        var rows = new AuditRow[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var change = events[i];
            rows[i] = new AuditRow(change.OccurredAt, change.ActorName, Describe(change), [.. Changes(change)]);
            change.OldValues?.Dispose();
            change.NewValues?.Dispose();
        }

        return rows;
    }

    private static string Describe(AuditEvent change) =>
        $"{Words(change.EntityType)} {change.Action switch { "Added" => "added", "Deleted" => "removed", _ => "changed" }}";

    private static IEnumerable<string> Changes(AuditEvent change)
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

    /// <summary>A name in words: "ProgressUpdate" is "Progress update".</summary>
    /// <remarks>The names are the model's entity and property names, a fixed set, so each is put in words once.</remarks>
    public static string Words(string name) => WordsByName.GetOrAdd(name, InWords);

    private static readonly ConcurrentDictionary<string, string> WordsByName = new(StringComparer.Ordinal);

    private static string InWords(string name)
    {
        var words = WordBoundary().Replace(name, "$1 $2").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex WordBoundary();
}
