using PdfSharp.Drawing;

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

/// <summary>The laid-out report: a flat list of drawing and structure steps, pages already decided.</summary>
public abstract record Command;

public sealed record NewPage : Command;

public sealed record Begin(Tag Tag, string? AltText = null, XRect? Bounds = null) : Command;

public sealed record BeginArtifact : Command;

public sealed record End : Command;

public sealed record Text(string Value, XFont Font, XBrush Brush, double X, double Y) : Command;

public sealed record Box(XRect Rect, XBrush Brush) : Command;

public sealed record Rule(double X1, double Y1, double X2, double Y2, XPen Pen) : Command;
