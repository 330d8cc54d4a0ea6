using System.Globalization;

namespace Readiness.Core.Imports;

/// <summary>One data row of an import file, numbered as a spreadsheet numbers it (the header is row 1).</summary>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, string> Values)
{
    public string Get(string column) => Values.TryGetValue(column, out var value) ? value.Trim() : "";
}

public abstract record ImportFileResult
{
    public sealed record Read(IReadOnlyList<ImportRow> Rows) : ImportFileResult;

    public sealed record Unreadable(string Problem) : ImportFileResult;
}

/// <summary>Reads a CSV (UTF-8) or Excel (.xlsx) import file into rows keyed by the template's column names.</summary>
public static class ImportFile
{
    public const string Review = "Review";
    public const string Reference = "Reference";
    public const string Title = "Title";
    public const string Text = "Text";
    public const string Theme = "Theme";
    public const string LeadAgency = "Lead agency";
    public const string SupportingAgencies = "Supporting agencies";
    public const string TargetDate = "Target date";
    public const string Priority = "Priority";
    public const string Monitored = "Monitored";
    public const string Marking = "Marking";
    public const string Publishable = "Publishable";

    public static readonly IReadOnlyList<string> Columns =
    [
        Review,
        Reference,
        Title,
        Text,
        Theme,
        LeadAgency,
        SupportingAgencies,
        TargetDate,
        Priority,
        Monitored,
        Marking,
        Publishable,
    ];

    public static readonly IReadOnlyList<string> RequiredColumns = [Review, Reference, Title, Text, LeadAgency];

    public const int MaxRows = 5_000;

    public static ImportFileResult Read(string fileName, byte[] content)
    {
        // Reading stops one row past the limit: a header, the allowed rows, then the first row too many.
        var readLimit = MaxRows + 2;
        List<string[]> records;
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var stream = new MemoryStream(content);
            switch (XlsxRows.Read(stream, readLimit))
            {
                case XlsxRows.Result.Rows read:
                    records = read.Values;
                    break;
                case XlsxRows.Result.TooMany:
                    return TooMany;
                default:
                    return new ImportFileResult.Unreadable(
                        "The workbook could not be read. Open it in Excel, save it as an Excel workbook (.xlsx), and upload it again"
                    );
            }
        }
        else if (Exports.Csv.Read(content, readLimit) is { } csv)
        {
            records = csv;
        }
        else
        {
            return new ImportFileResult.Unreadable(
                "The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8 (comma delimited)\", or upload the .xlsx workbook"
            );
        }

        if (records.Count > MaxRows + 1)
        {
            return TooMany;
        }

        if (records.Count == 0)
        {
            return new ImportFileResult.Unreadable(
                "The file is empty. Use the template: a header row, then one row for each recommendation"
            );
        }

        var header = records[0].Select(h => h.Trim()).ToList();
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return new ImportFileResult.Unreadable(
                $"The first row must name the columns. It has no {string.Join(", ", missing.Select(m => $"\"{m}\""))} "
                    + $"column{(missing.Count == 1 ? "" : "s")}. Use the template"
            );
        }

        var unknown = header.Where(h => h.Length > 0 && !Columns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            return new ImportFileResult.Unreadable(
                $"The column{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"\"{u}\""))} "
                    + $"{(unknown.Count == 1 ? "is" : "are")} not in the template. The columns are: {string.Join(", ", Columns)}"
            );
        }

        var rows = new List<ImportRow>();
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var c = 0; c < header.Count && c < records[i].Length; c++)
            {
                if (header[c].Length > 0)
                {
                    values[Columns.First(k => k.Equals(header[c], StringComparison.OrdinalIgnoreCase))] = records[i][c];
                }
            }

            rows.Add(new ImportRow(i + 1, values));
        }

        if (rows.Count == 0)
        {
            return new ImportFileResult.Unreadable("The file has a header row but no recommendations. Add one row for each recommendation");
        }

        return new ImportFileResult.Read(rows);
    }

    private static readonly ImportFileResult TooMany = new ImportFileResult.Unreadable(
        $"The file has more than {MaxRows:N0} rows; import at most {MaxRows:N0} at a time"
    );

    private static string Cell(object? value) =>
        value switch
        {
            null => "",
            DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double number => number.ToString(CultureInfo.InvariantCulture),
            bool flag => flag ? "Yes" : "No",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
}
