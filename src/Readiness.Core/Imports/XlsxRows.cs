using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Readiness.Core.Imports;

/// <summary>
/// Reads the first worksheet of an Excel workbook as rows of cell text, as a stream. The sheet's declared dimension is
/// never read: rows and columns come from the cells themselves, only the first <see cref="MaxColumns"/> columns are kept,
/// and reading stops as soon as a row lies past the limit, so memory stays small whatever the file claims.
/// </summary>
public static class XlsxRows
{
    public const int MaxColumns = 64;
    private const long MaxSharedCharacters = 16_000_000;
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public abstract record Result
    {
        public sealed record Rows(List<string[]> Values) : Result;

        public sealed record TooMany : Result;

        public sealed record Unreadable : Result;
    }

    public static Result Read(Stream content, int maxRows)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.GetEntry(SheetPath(zip)) is not { } sheet)
            {
                return new Result.Unreadable();
            }

            var shared = SharedStrings(zip);
            var dateStyles = DateStyles(zip);
            using var reader = XmlReader.Create(sheet.Open(), Settings);
            var rows = new List<string[]>();
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "row")
                {
                    continue;
                }

                var number = int.TryParse(reader.GetAttribute("r"), CultureInfo.InvariantCulture, out var r) ? r : rows.Count + 1;
                if (number > maxRows || number <= rows.Count)
                {
                    return number > maxRows ? new Result.TooMany() : new Result.Unreadable();
                }

                while (rows.Count < number - 1)
                {
                    rows.Add([]);
                }

                rows.Add(ReadRow(reader, shared, dateStyles));
            }

            return new Result.Rows(rows);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or FormatException or OverflowException)
        {
            return new Result.Unreadable();
        }
    }

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
    };

    private static string[] ReadRow(XmlReader reader, List<string> shared, HashSet<int> dateStyles)
    {
        var cells = new string[MaxColumns];
        var last = -1;
        var next = 0;
        using var row = reader.ReadSubtree();
        while (row.Read())
        {
            if (row.NodeType != XmlNodeType.Element || row.LocalName != "c")
            {
                continue;
            }

            var column = ColumnIndex(row.GetAttribute("r")) ?? next;
            next = column + 1;
            var type = row.GetAttribute("t");
            var style = int.TryParse(row.GetAttribute("s"), CultureInfo.InvariantCulture, out var s) ? s : 0;
            var text = CellText(row);
            if (column >= MaxColumns)
            {
                continue;
            }

            cells[column] = type switch
            {
                "s" => shared[int.Parse(text, CultureInfo.InvariantCulture)],
                "b" => text == "1" ? "Yes" : "No",
                "inlineStr" or "str" or "e" => text,
                _ when text.Length == 0 => "",
                _ when dateStyles.Contains(style) => DateTime
                    .FromOADate(double.Parse(text, CultureInfo.InvariantCulture))
                    .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => double.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            };
            last = Math.Max(last, column);
        }

        return [.. cells.Take(last + 1).Select(c => c ?? "")];
    }

    /// <summary>The text of a cell's value or inline string, or a shared string's runs, leaving out phonetic guides.</summary>
    private static string CellText(XmlReader element)
    {
        var text = new System.Text.StringBuilder();
        using var inner = element.ReadSubtree();
        inner.Read();
        while (!inner.EOF)
        {
            if (inner.NodeType == XmlNodeType.Element && inner.LocalName is "rPh" or "f")
            {
                inner.Skip();
            }
            else if (inner.NodeType == XmlNodeType.Element && inner.LocalName is "v" or "t")
            {
                text.Append(inner.ReadElementContentAsString());
            }
            else
            {
                inner.Read();
            }
        }

        return text.ToString();
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter).Take(4))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    private static string SheetPath(ZipArchive zip)
    {
        const string fallback = "xl/worksheets/sheet1.xml";
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels)
        {
            return fallback;
        }

        string? id;
        using (var reader = XmlReader.Create(workbook.Open(), Settings))
        {
            id = reader.ReadToFollowing("sheet", Main) ? reader.GetAttribute("id", Relationships) : null;
        }

        using var relations = XmlReader.Create(rels.Open(), Settings);
        while (id is not null && relations.ReadToFollowing("Relationship", "http://schemas.openxmlformats.org/package/2006/relationships"))
        {
            if (relations.GetAttribute("Id") == id && relations.GetAttribute("Target") is { } target)
            {
                return target.StartsWith('/') ? target[1..] : "xl/" + target;
            }
        }

        return fallback;
    }

    private static List<string> SharedStrings(ZipArchive zip)
    {
        var strings = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is not { } entry)
        {
            return strings;
        }

        long characters = 0;
        using var reader = XmlReader.Create(entry.Open(), Settings);
        while (reader.ReadToFollowing("si", Main))
        {
            var text = CellText(reader);
            characters += text.Length;
            if (characters > MaxSharedCharacters)
            {
                throw new InvalidDataException("The workbook holds more text than an import can take.");
            }

            strings.Add(text);
        }

        return strings;
    }

    /// <summary>Which cell styles show a number as a date: the built-in date formats and custom ones with d, m or y.</summary>
    private static HashSet<int> DateStyles(ZipArchive zip)
    {
        var dates = new HashSet<int>();
        if (zip.GetEntry("xl/styles.xml") is not { } entry)
        {
            return dates;
        }

        var customDates = new HashSet<int>();
        using var reader = XmlReader.Create(entry.Open(), Settings);
        var index = 0;
        var inCellFormats = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                break;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "numFmt" when IsDateFormat(reader.GetAttribute("formatCode")):
                    customDates.Add(int.Parse(reader.GetAttribute("numFmtId") ?? "0", CultureInfo.InvariantCulture));
                    break;
                case "cellXfs":
                    inCellFormats = true;
                    break;
                case "xf" when inCellFormats:
                    var format = int.Parse(reader.GetAttribute("numFmtId") ?? "0", CultureInfo.InvariantCulture);
                    if (format is >= 14 and <= 22 or >= 45 and <= 47 || customDates.Contains(format))
                    {
                        dates.Add(index);
                    }

                    index++;
                    break;
            }
        }

        return dates;
    }

    private static bool IsDateFormat(string? code)
    {
        if (code is null)
        {
            return false;
        }

        var bare = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "");
        return bare.IndexOfAny(['d', 'D', 'm', 'M', 'y', 'Y']) >= 0;
    }
}
