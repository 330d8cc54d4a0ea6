namespace Readiness.Core.Reports.Layout;

/// <summary>What a report is made of, before it is laid out on pages.</summary>
public abstract record Block;

public sealed record HeadingBlock(int Level, string Text) : Block;

public sealed record ParagraphBlock(string Text, bool Bold = false) : Block;

public sealed record TilesBlock(IReadOnlyList<(string Value, string Label)> Tiles) : Block;

/// <summary>A stacked horizontal bar chart drawn as vector graphics; the alternative text states every number.</summary>
public sealed record BarChartBlock(
    string AltText,
    IReadOnlyList<string> Categories,
    IReadOnlyList<(string Name, Colour Colour)> Series,
    IReadOnlyList<int[]> Values
) : Block;

/// <summary>
/// A trend chart (<see cref="Trends.Chart"/>), the same model the dashboard draws as SVG: lines as vector polylines,
/// stacked bars as a <see cref="BarChartBlock"/>; a tagged figure whose alternative text is its title and sentence.
/// </summary>
public sealed record TrendChartBlock(Trends.Chart Chart) : Block;

/// <summary>A table that breaks across pages, repeats its header row and never splits a row.</summary>
public sealed record TableBlock(IReadOnlyList<string> Headers, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<string>> Rows)
    : Block;

public sealed record PageBreakBlock : Block;
