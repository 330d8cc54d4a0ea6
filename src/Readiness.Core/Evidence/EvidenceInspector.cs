using System.IO.Compression;
using System.Text;

namespace Readiness.Core.Evidence;

public abstract record Inspection
{
    public sealed record Allowed(string ContentType, string Kind) : Inspection;

    public sealed record Refused(string Message) : Inspection;
}

/// <summary>
/// Decides whether an uploaded file may be kept, by its content rather than its name or declared type: PDF, Word,
/// Excel, PowerPoint, PNG, JPEG, plain text and CSV. Office files must be real packages that do not expand to absurd
/// sizes and carry no macros.
/// </summary>
public sealed class EvidenceInspector(EvidenceOptions options)
{
    public const string AllowedTypes = "PDF, Word, Excel, PowerPoint, PNG, JPEG, plain text or CSV";
    private const int MaxNameLength = 200;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Elf = [0x7F, 0x45, 0x4C, 0x46];
    private static readonly byte[] BomMarkup = [0xEF, 0xBB, 0xBF, (byte)'<'];

    private static readonly Dictionary<string, (string Kind, string ContentType)> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("PDF", "application/pdf"),
        [".png"] = ("PNG image", "image/png"),
        [".jpg"] = ("JPEG image", "image/jpeg"),
        [".jpeg"] = ("JPEG image", "image/jpeg"),
        [".docx"] = ("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        [".xlsx"] = ("Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        [".pptx"] = ("PowerPoint presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        [".doc"] = ("Word document", "application/msword"),
        [".xls"] = ("Excel workbook", "application/vnd.ms-excel"),
        [".ppt"] = ("PowerPoint presentation", "application/vnd.ms-powerpoint"),
        [".txt"] = ("text file", "text/plain; charset=utf-8"),
        [".csv"] = ("CSV file", "text/csv; charset=utf-8"),
    };

    /// <summary>Null when the name is acceptable; otherwise what is wrong with it.</summary>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The file has no name. Give it a name that ends in its type, like report.pdf";
        }

        if (name.Length > MaxNameLength)
        {
            return $"The file name must be {MaxNameLength} characters or fewer";
        }

        // Format characters (bidirectional overrides, zero-width characters) make a name read as something else:
        // "report\u202Eexe.pdf" shows as "reportfdp.exe".
        if (name.Any(c => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            return "The file name must not contain invisible or direction-changing characters. Rename the file and upload it again";
        }

        if (
            name.Any(char.IsControl)
            || name.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0
            || name.Contains("..", StringComparison.Ordinal)
            || name.Trim() != name
        )
        {
            return "The file name must not contain folders or the characters / \\ : * ? \" < > |";
        }

        return ByExtension.ContainsKey(Path.GetExtension(name))
            ? null
            : $"The file must be a {AllowedTypes}, with a name that ends in its type, like report.pdf";
    }

    public Inspection Inspect(string name, Stream content)
    {
        if (CheckName(name) is { } nameProblem)
        {
            return new Inspection.Refused(nameProblem);
        }

        if (content.Length == 0)
        {
            return new Inspection.Refused($"The file {name} is empty");
        }

        if (content.Length > options.MaxFileBytes)
        {
            return new Inspection.Refused($"The file {name} must be smaller than {Megabytes(options.MaxFileBytes)}");
        }

        var (expectedKind, contentType) = ByExtension[Path.GetExtension(name)];
        var header = new byte[8];
        content.Position = 0;
        var read = content.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var start = header.AsSpan(0, read);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var problem = extension switch
        {
            ".pdf" => start.StartsWith(Pdf) ? null : Mismatch(name, expectedKind, start),
            ".png" => start.StartsWith(Png) ? null : Mismatch(name, expectedKind, start),
            ".jpg" or ".jpeg" => start.StartsWith(Jpeg) ? null : Mismatch(name, expectedKind, start),
            ".docx" or ".xlsx" or ".pptx" => start.StartsWith(Zip)
                ? CheckOfficePackage(name, extension, content)
                : Mismatch(name, expectedKind, start),
            ".doc" or ".xls" or ".ppt" => start.StartsWith(Ole) ? null : Mismatch(name, expectedKind, start),
            _ => Describe(start) is null or "a web page or markup" ? CheckText(name, content) : Mismatch(name, expectedKind, start),
        };
        content.Position = 0;
        return problem is null ? new Inspection.Allowed(contentType, expectedKind) : new Inspection.Refused(problem);
    }

    private static string Mismatch(string name, string expectedKind, ReadOnlySpan<byte> start)
    {
        var actual = Describe(start);
        return actual is null
            ? $"The file {name} is not a real {expectedKind}. Upload a {AllowedTypes}"
            : $"The file {name} is named as a {expectedKind} but its content is {actual}. Upload a {AllowedTypes}, named for what it is";
    }

    private static string? Describe(ReadOnlySpan<byte> start) =>
        start.StartsWith(Pdf) ? "a PDF"
        : start.StartsWith(Png) ? "a PNG image"
        : start.StartsWith(Jpeg) ? "a JPEG image"
        : start.StartsWith(Zip) ? "a zip archive"
        : start.StartsWith("MZ"u8) ? "a Windows program"
        : start.StartsWith(Elf) ? "a Linux program"
        : start.StartsWith("<"u8) || start.StartsWith(BomMarkup) ? "a web page or markup"
        : null;

    private string? CheckOfficePackage(string name, string extension, Stream content)
    {
        var requiredFolder = extension switch
        {
            ".docx" => "word/",
            ".xlsx" => "xl/",
            _ => "ppt/",
        };
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > 10_000)
            {
                return $"The file {name} has too many parts to be a normal Office document";
            }

            var hasContentTypes = false;
            var hasMainFolder = false;
            long expanded = 0;
            foreach (var entry in zip.Entries)
            {
                hasContentTypes |= entry.FullName == "[Content_Types].xml";
                hasMainFolder |= entry.FullName.StartsWith(requiredFolder, StringComparison.Ordinal);
                if (entry.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase))
                {
                    return $"The file {name} contains macros. Save it without macros and upload it again";
                }

                expanded += CountExpandedBytes(entry, options.MaxExpandedBytes - expanded);
                if (expanded > options.MaxExpandedBytes)
                {
                    return $"The file {name} expands to more than {Megabytes(options.MaxExpandedBytes)} when opened, which is not a "
                        + $"normal Office document";
                }
            }

            return hasContentTypes && hasMainFolder ? null : $"The file {name} is a zip archive, not a real {ByExtension[extension].Kind}";
        }
        catch (InvalidDataException)
        {
            return $"The file {name} is damaged or is not a real {ByExtension[extension].Kind}";
        }
    }

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

    private static string? CheckText(string name, Stream content)
    {
        using var reader = new StreamReader(
            content,
            new UTF8Encoding(false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true,
            leaveOpen: true
        );
        try
        {
            var text = reader.ReadToEnd();
            if (text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f')))
            {
                return $"The file {name} is not plain text. Upload a {AllowedTypes}";
            }

            var opening = text.TrimStart()[..Math.Min(200, text.TrimStart().Length)].ToLowerInvariant();
            if (
                opening.StartsWith("<!doctype", StringComparison.Ordinal)
                || opening.StartsWith("<html", StringComparison.Ordinal)
                || opening.StartsWith("<script", StringComparison.Ordinal)
                || opening.StartsWith("<svg", StringComparison.Ordinal)
                || opening.StartsWith("<?xml", StringComparison.Ordinal)
            )
            {
                return $"The file {name} is a web page or markup, not plain text. Upload a {AllowedTypes}";
            }

            return null;
        }
        catch (DecoderFallbackException)
        {
            return $"The file {name} is not plain text in UTF-8. Upload a {AllowedTypes}";
        }
    }

    public static string Megabytes(long bytes) =>
        bytes switch
        {
            >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
            >= 1024 => $"{bytes / 1024.0:0.#} KB",
            1 => "1 byte",
            _ => $"{bytes} bytes",
        };
}
