using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Readiness.Core.Exports;

/// <summary>
/// RFC 4180 CSV through CsvHelper. Written files are safe to open in a spreadsheet (a cell that would start a formula is
/// prefixed with an apostrophe); read files must be UTF-8 (a byte order mark is skipped) and quoted fields may hold
/// commas, quotes and line breaks.
/// </summary>
public static class Csv
{
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
    };

    public static CsvWriter Writer(TextWriter writer) => new(writer, Configuration, leaveOpen: true);

    private static readonly CsvConfiguration Reading = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        // Blank lines are kept as records so that row numbers match the lines people see in a spreadsheet.
        IgnoreBlankLines = false,
        // A stray quote inside an unquoted cell is kept as typed rather than refusing the whole file.
        BadDataFound = null,
    };

    /// <summary>Each record's fields, at most <paramref name="maxRecords"/> of them, or null when the content is not UTF-8.</summary>
    public static List<string[]>? Read(byte[] content, int maxRecords)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        using var reader = new StringReader(text.TrimStart('\uFEFF'));
        using var parser = new CsvParser(reader, Reading);
        var records = new List<string[]>();
        while (records.Count < maxRecords && parser.Read())
        {
            records.Add(parser.Record ?? []);
        }

        return records;
    }

    public static async Task WriteRowAsync(this CsvWriter csv, IEnumerable<string?> cells)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(cell ?? "");
        }

        await csv.NextRecordAsync();
    }
}
