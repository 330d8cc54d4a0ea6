using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Readiness.Core.Evidence.Checks;

/// <summary>
/// A PDF is kept only if it parses into at least one page and none of its objects can run or carry anything: no
/// JavaScript, no launch actions, no embedded files. Names are read as the parser decodes them, so "/J#61vaScript" or an
/// object hidden in a compressed object stream is found too.
/// </summary>
internal static class PdfCheck
{
    private static readonly HashSet<string> Active = ["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia"];
    private const int MaxObjects = 500_000;
    private const int MaxDepth = 64;

    public static string? Problem(string name, Stream content)
    {
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { SkipMissingFonts = true });
            if (document.NumberOfPages < 1)
            {
                return $"The file {name} is a PDF with no pages";
            }

            _ = document.GetPage(1);
            var objects = document.Structure.CrossReferenceTable.ObjectOffsets.Keys.ToList();
            if (objects.Count > MaxObjects)
            {
                return $"The file {name} has too many parts to be a normal PDF";
            }

            foreach (var reference in objects)
            {
                if (FindActive(document.Structure.GetObject(reference).Data, 0) is { } found)
                {
                    return found == "embedded"
                        ? $"The file {name} has files embedded in it. Save the PDF without attachments and upload it again"
                        : $"The file {name} contains scripts or actions that run programs. Print it to a new PDF and upload that";
                }
            }

            return null;
        }
        catch (Exception) // a parser fails in many ways on hostile input; each one means "not a real PDF"
        {
            return $"The file {name} is damaged or is not a real PDF";
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static string? FindActive(IToken token, int depth)
    {
        if (depth > MaxDepth)
        {
            return "script";
        }

        return token switch
        {
            NameToken n when Active.Contains(n.Data) => Kind(n.Data),
            DictionaryToken d => d
                .Data.Select(pair => Active.Contains(pair.Key) ? Kind(pair.Key) : FindActive(pair.Value, depth + 1))
                .FirstOrDefault(found => found is not null),
            ArrayToken a => a.Data.Select(item => FindActive(item, depth + 1)).FirstOrDefault(found => found is not null),
            StreamToken s => FindActive(s.StreamDictionary, depth + 1),
            _ => null,
        };
    }

    private static string Kind(string name) => name.StartsWith("Embedded", StringComparison.Ordinal) ? "embedded" : "script";
}
