namespace Readiness.Core.Evidence;

public abstract record Inspection
{
    public sealed record Allowed(string ContentType, string Kind) : Inspection;

    public sealed record Refused(string Message) : Inspection;
}

/// <summary>
/// Decides whether an uploaded file may be kept, by parsing its content rather than trusting its name or declared type:
/// PDF, Word, Excel, PowerPoint, PNG, JPEG, plain text and CSV. Each kind has its own check (see <c>Checks</c>); every
/// file is also refused if markup or script appears near its start, which a browser could be tricked into running.
/// Older binary Office files (.doc, .xls, .ppt) are refused: their macro storage cannot be checked reliably here.
/// </summary>
public sealed class EvidenceInspector(EvidenceOptions options)
{
    public const string AllowedTypes = "PDF, Word, Excel, PowerPoint, PNG, JPEG, plain text or CSV";
    private const int MaxNameLength = 200;
    private const int MarkupWindow = 1024;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Elf = [0x7F, 0x45, 0x4C, 0x46];
    private static readonly byte[] BomMarkup = [0xEF, 0xBB, 0xBF, (byte)'<'];
    private static readonly string[] Markup =
    [
        "<!doctype",
        "<html",
        "<head",
        "<body",
        "<script",
        "<svg",
        "<iframe",
        "<object",
        "<embed",
        "<?php",
        "javascript:",
    ];

    private static readonly Dictionary<string, (string Kind, string ContentType)> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("PDF", "application/pdf"),
        [".png"] = ("PNG image", "image/png"),
        [".jpg"] = ("JPEG image", "image/jpeg"),
        [".jpeg"] = ("JPEG image", "image/jpeg"),
        [".docx"] = ("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        [".xlsx"] = ("Excel workbook", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        [".pptx"] = ("PowerPoint presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        [".txt"] = ("text file", "text/plain; charset=utf-8"),
        [".csv"] = ("CSV file", "text/csv; charset=utf-8"),
    };

    private static readonly HashSet<string> LegacyOffice = new([".doc", ".xls", ".ppt"], StringComparer.OrdinalIgnoreCase);

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

        if (LegacyOffice.Contains(Path.GetExtension(name)))
        {
            return $"The file {name} is in an older Office format that cannot be checked for macros. Open it, save it as a "
                + ".docx, .xlsx or .pptx file, and upload that";
        }

        return ByExtension.ContainsKey(Path.GetExtension(name))
            ? null
            : $"The file must be a {AllowedTypes}, with a name that ends in its type, like report.pdf";
    }

    /// <summary>Every refusal ends by saying what is allowed.</summary>
    public Inspection Inspect(string name, Stream content) =>
        Examine(name, content) switch
        {
            Inspection.Refused { Message: var message } when !message.Contains(AllowedTypes, StringComparison.Ordinal) =>
                new Inspection.Refused($"{message}. Upload a {AllowedTypes}, up to {Megabytes(options.MaxFileBytes)}"),
            var inspection => inspection,
        };

    private Inspection Examine(string name, Stream content)
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
        var opening = new byte[MarkupWindow];
        content.Position = 0;
        var read = content.ReadAtLeast(opening, opening.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var start = opening.AsSpan(0, read);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var problem =
            SignatureProblem(name, extension, expectedKind, start)
            ?? (
                HasMarkup(start)
                    ? $"The file {name} contains web page markup or script near its start, so it cannot be kept. "
                        + $"Upload a {AllowedTypes}, saved from the program that made it"
                    : null
            )
            ?? extension switch
            {
                ".pdf" => Checks.PdfCheck.Problem(name, content),
                ".png" => Checks.ImageCheck.Png(name, content),
                ".jpg" or ".jpeg" => Checks.ImageCheck.Jpeg(name, content),
                ".docx" => Checks.OfficePackageCheck.Problem(name, expectedKind, "word/", content, options.MaxExpandedBytes),
                ".xlsx" => Checks.OfficePackageCheck.Problem(name, expectedKind, "xl/", content, options.MaxExpandedBytes),
                ".pptx" => Checks.OfficePackageCheck.Problem(name, expectedKind, "ppt/", content, options.MaxExpandedBytes),
                _ => Checks.TextCheck.Problem(name, content),
            };
        content.Position = 0;
        return problem is null ? new Inspection.Allowed(contentType, expectedKind) : new Inspection.Refused(problem);
    }

    private static string? SignatureProblem(string name, string extension, string kind, ReadOnlySpan<byte> start)
    {
        var matches = extension switch
        {
            ".pdf" => start.StartsWith(Pdf),
            ".png" => start.StartsWith(Png),
            ".jpg" or ".jpeg" => start.StartsWith(Jpeg),
            ".docx" or ".xlsx" or ".pptx" => start.StartsWith(Zip),
            _ => Describe(start) is null or "a web page or markup",
        };
        return matches ? null : Mismatch(name, kind, start);
    }

    private static bool HasMarkup(ReadOnlySpan<byte> start)
    {
        var text = System.Text.Encoding.Latin1.GetString(start).ToLowerInvariant();
        return Markup.Any(tag => text.Contains(tag, StringComparison.Ordinal));
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

    public static string Megabytes(long bytes) =>
        bytes switch
        {
            >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
            >= 1024 => $"{bytes / 1024.0:0.#} KB",
            1 => "1 byte",
            _ => $"{bytes} bytes",
        };
}
