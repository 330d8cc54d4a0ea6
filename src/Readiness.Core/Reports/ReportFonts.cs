using Readiness.Core.Reports.Layout;

namespace Readiness.Core.Reports;

/// <summary>A face at a size, as a report sets text in it.</summary>
public sealed record ReportFont(TrueTypeFont Face, double Size)
{
    public double Measure(string text) => Face.Measure(text, Size);
}

/// <summary>
/// Reports are set in Liberation Sans (metric-compatible with Arial, from Debian's fonts-liberation2), read from the
/// machine's fonts once and embedded in each report, so reports look the same on every machine.
/// </summary>
public static class ReportFonts
{
    private static readonly string[] Folders = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation"];
    private static readonly Lazy<TrueTypeFont> RegularFace = new(() => Load("LiberationSans-Regular"));
    private static readonly Lazy<TrueTypeFont> BoldFace = new(() => Load("LiberationSans-Bold"));

    public static TrueTypeFont Regular => RegularFace.Value;
    public static TrueTypeFont Bold => BoldFace.Value;

    private static TrueTypeFont Load(string name)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, name + ".ttf");
            if (File.Exists(path))
            {
                return new TrueTypeFont(name, File.ReadAllBytes(path));
            }
        }

        throw new FileNotFoundException(
            $"The font {name}.ttf was not found. Install Debian's fonts-liberation2 (deploy/local/prerequisites.sh does)."
        );
    }
}
