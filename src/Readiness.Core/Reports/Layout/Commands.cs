namespace Readiness.Core.Reports.Layout;

public enum Tag
{
    H1,
    H2,
    P,
    Table,
    Row,
    HeaderCell,
    Cell,
    Figure,
}

/// <summary>An sRGB colour.</summary>
public readonly record struct Colour(byte Red, byte Green, byte Blue)
{
    /// <summary>From "#RRGGBB", as the trend charts give their colours.</summary>
    public static Colour FromHex(string hex) =>
        new(Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));
}

/// <summary>A rectangle on the page in points, measured from the top left corner.</summary>
public readonly record struct Area(double X, double Y, double Width, double Height);

/// <summary>The laid-out report: a flat list of drawing and structure steps, pages already decided.</summary>
public abstract record Command;

public sealed record NewPage : Command;

public sealed record Begin(Tag Tag, string? AltText = null, Area? Bounds = null) : Command;

public sealed record BeginArtifact : Command;

public sealed record End : Command;

/// <summary>A line of text whose baseline starts at (<paramref name="X"/>, <paramref name="Y"/>).</summary>
public sealed record Text(string Value, ReportFont Font, Colour Colour, double X, double Y) : Command;

public sealed record Box(Area Area, Colour Colour) : Command;

public sealed record Rule(double X1, double Y1, double X2, double Y2, Colour Colour, double Width) : Command;
