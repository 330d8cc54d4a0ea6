using PdfSharp.Fonts;

namespace Readiness.Core.Reports;

/// <summary>
/// PDFsharp on Linux finds no system fonts by itself. Every family resolves to Liberation Sans (metric-compatible with
/// Arial, from Debian's fonts-liberation2), so reports look the same on every machine.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "Liberation Sans";

    private static readonly string[] Folders = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"];
    private static readonly Lock Gate = new();
    private static bool _installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (!_installed)
            {
                GlobalFontSettings.FontResolver = new ReportFonts();
                _installed = true;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(
            (bold, italic) switch
            {
                (true, true) => "LiberationSans-BoldItalic",
                (true, false) => "LiberationSans-Bold",
                (false, true) => "LiberationSans-Italic",
                _ => "LiberationSans-Regular",
            }
        );

    public byte[] GetFont(string faceName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, faceName + ".ttf");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException(
            $"The font {faceName}.ttf was not found. Install Debian's fonts-liberation2 (deploy/local/prerequisites.sh does)."
        );
    }
}
