using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Readiness.Core.Exports;

/// <summary>RFC 4180 CSV through CsvHelper, safe to open in a spreadsheet: a cell that would start a formula is prefixed with an apostrophe.</summary>
public static class Csv
{
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
    };

    public static CsvWriter Writer(TextWriter writer) => new(writer, Configuration, leaveOpen: true);

    public static async Task WriteRowAsync(this CsvWriter csv, IEnumerable<string?> cells)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(cell ?? "");
        }

        await csv.NextRecordAsync();
    }
}
