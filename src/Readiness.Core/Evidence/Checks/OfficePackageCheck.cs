using System.IO.Compression;

namespace Readiness.Core.Evidence.Checks;

/// <summary>
/// An Office file (.docx, .xlsx, .pptx) is a zip package. It must hold the package's parts, expand to a sane size,
/// carry no macros, and name every part safely: no absolute paths, no "..", no backslashes, no two parts with one name.
/// </summary>
internal static class OfficePackageCheck
{
    private const int MaxEntries = 10_000;

    public static string? Problem(string name, string kind, string mainFolder, Stream content, long maxExpandedBytes)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries)
            {
                return $"The file {name} has too many parts to be a normal Office document";
            }

            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                if (!IsSafe(entry.FullName) || !names.Add(entry.FullName))
                {
                    return $"The file {name} has parts with unsafe or repeated names, which a real {kind} does not have";
                }
            }

            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                return $"The file {name} contains macros. Save it without macros and upload it again";
            }

            if (!names.Contains("[Content_Types].xml") || !names.Any(n => n.StartsWith(mainFolder, StringComparison.Ordinal)))
            {
                return $"The file {name} is a zip archive, not a real {kind}";
            }

            long expanded = 0;
            foreach (var entry in zip.Entries)
            {
                expanded += CountExpandedBytes(entry, maxExpandedBytes - expanded);
                if (expanded > maxExpandedBytes)
                {
                    return $"The file {name} expands to more than {EvidenceInspector.Megabytes(maxExpandedBytes)} when opened, which "
                        + "is not a normal Office document";
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return $"The file {name} is damaged or is not a real {kind}";
        }
    }

    private static bool IsSafe(string entryName) =>
        entryName.Length > 0
        && !entryName.StartsWith('/')
        && !entryName.Contains('\\', StringComparison.Ordinal)
        && !entryName.Contains(':', StringComparison.Ordinal)
        && !entryName.Any(char.IsControl)
        && !entryName.Split('/').Contains("..");

    /// <summary>Decompresses to count, stopping just past the budget: declared sizes in a zip can lie.</summary>
    private static long CountExpandedBytes(ZipArchiveEntry entry, long budget)
    {
        using var stream = entry.Open();
        var buffer = new byte[81_920];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > budget)
            {
                break;
            }
        }

        return total;
    }
}
