namespace Readiness.Core.Reports.Layout;

/// <summary>
/// Lays blocks out on A4 pages: text wraps, tables break across pages with their header repeated and rows kept
/// whole. The result says exactly what goes on which page, so the page count is known before anything is drawn.
/// </summary>
public sealed class PageLayout
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Margin = 48;
    public const double Top = 64;
    public const double Bottom = PageHeight - 64;
    public const double ContentWidth = PageWidth - (2 * Margin);

    public static readonly ReportFont Body = new(ReportFonts.Regular, 9.5);
    public static readonly ReportFont BodyBold = new(ReportFonts.Bold, 9.5);
    public static readonly ReportFont Small = new(ReportFonts.Regular, 8.5);
    public static readonly ReportFont SmallBold = new(ReportFonts.Bold, 8.5);
    public static readonly ReportFont H1 = new(ReportFonts.Bold, 20);
    public static readonly ReportFont H2 = new(ReportFonts.Bold, 14);
    public static readonly ReportFont TileValue = new(ReportFonts.Bold, 20);
    public static readonly Colour Ink = new(11, 12, 12);
    private static readonly Colour Shade = new(243, 242, 241);
    private static readonly Colour Hairline = new(177, 180, 182);
    private const double HairlineWidth = 0.5;

    private readonly Action<List<Command>> _pageLaid;
    private List<Command> _commands = [];
    private double _y;

    private PageLayout(Action<List<Command>> pageLaid) => _pageLaid = pageLaid;

    /// <summary>
    /// Lays the blocks out and hands each page's commands to <paramref name="pageLaid"/> as soon as the next page begins
    /// (the last when the blocks end), so a writer can draw one page while the next is laid.
    /// </summary>
    public static void Lay(IEnumerable<Block> blocks, Action<List<Command>> pageLaid)
    {
        var layout = new PageLayout(pageLaid);
        layout.StartPage();
        foreach (var block in blocks)
        {
            layout.Place(block);
        }

        pageLaid(layout._commands);
    }

    /// <summary>Every page's commands in one list.</summary>
    public static List<Command> Lay(IEnumerable<Block> blocks)
    {
        var commands = new List<Command>();
        Lay(blocks, commands.AddRange);
        return commands;
    }

    private void Place(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                PlaceHeading(heading);
                break;
            case ParagraphBlock paragraph:
                PlaceParagraph(paragraph);
                break;
            case TilesBlock tiles:
                PlaceTiles(tiles);
                break;
            case BarChartBlock chart:
                PlaceChart(chart);
                break;
            case TrendChartBlock { Chart.Kind: Trends.ChartKind.StackedBars } trend:
                PlaceChart(
                    new BarChartBlock(
                        $"{trend.Chart.Title}. {trend.Chart.Summary}",
                        trend.Chart.Categories,
                        trend.Chart.Series.Select(s => (s.Name, Colour.FromHex(s.Colour))).ToList(),
                        trend.Chart.Categories.Select((_, i) => trend.Chart.Series.Select(s => s.Values[i]).ToArray()).ToList()
                    )
                );
                break;
            case TrendChartBlock trend:
                PlaceLines(trend.Chart);
                break;
            case TableBlock table:
                PlaceTable(table);
                break;
            case PageBreakBlock:
                StartPage();
                break;
        }
    }

    private void StartPage()
    {
        if (_commands.Count > 0)
        {
            _pageLaid(_commands);
            _commands = [];
        }

        _commands.Add(new NewPage());
        _y = Top;
    }

    private void PlaceHeading(HeadingBlock heading)
    {
        var font = heading.Level == 1 ? H1 : H2;
        var lineHeight = font.Size * 1.25;
        var lines = Wrap(heading.Text, font, ContentWidth);
        if (_y + (lines.Count * lineHeight) + 40 > Bottom)
        {
            StartPage();
        }

        _y += heading.Level == 1 ? 4 : 10;
        _commands.Add(new Begin(heading.Level == 1 ? Tag.H1 : Tag.H2));
        foreach (var line in lines)
        {
            _y += lineHeight;
            _commands.Add(new Text(line, font, Ink, Margin, _y - (lineHeight * 0.25)));
        }

        _commands.Add(new End());
        _y += 8;
    }

    private void PlaceParagraph(ParagraphBlock paragraph)
    {
        var font = paragraph.Bold ? BodyBold : Body;
        var lineHeight = font.Size * 1.4;
        _commands.Add(new Begin(Tag.P));
        foreach (var line in Wrap(paragraph.Text, font, ContentWidth))
        {
            if (_y + lineHeight > Bottom)
            {
                StartPage();
            }

            _y += lineHeight;
            _commands.Add(new Text(line + " ", font, Ink, Margin, _y - (lineHeight * 0.3)));
        }

        _commands.Add(new End());
        _y += 6;
    }

    private void PlaceTiles(TilesBlock tiles)
    {
        const int perRow = 4;
        const double gap = 8;
        const double height = 52;
        var width = (ContentWidth - (gap * (perRow - 1))) / perRow;
        foreach (var row in tiles.Tiles.Chunk(perRow))
        {
            if (_y + height > Bottom)
            {
                StartPage();
            }

            for (var i = 0; i < row.Length; i++)
            {
                var x = Margin + (i * (width + gap));
                _commands.Add(new BeginArtifact());
                _commands.Add(new Box(new Area(x, _y, width, height), Shade));
                _commands.Add(new End());
                _commands.Add(new Begin(Tag.P));
                _commands.Add(new Text(row[i].Value + " ", TileValue, Ink, x + 8, _y + 24));
                _commands.Add(new Text(row[i].Label, Small, Ink, x + 8, _y + 42));
                _commands.Add(new End());
            }

            _y += height + gap;
        }

        _y += 4;
    }

    private void PlaceChart(BarChartBlock chart)
    {
        const double barHeight = 11;
        const double rowGap = 5;
        const double labelWidth = 150;
        var legendHeight = 18.0;
        var height = legendHeight + (chart.Categories.Count * (barHeight + rowGap)) + 6;
        if (_y + height > Bottom)
        {
            StartPage();
        }

        var max = Math.Max(1, chart.Values.Max(v => v.Sum()));
        var scale = (ContentWidth - labelWidth - 30) / max;
        var bounds = new Area(Margin, _y, ContentWidth, height);
        _commands.Add(new Begin(Tag.Figure, chart.AltText, bounds));
        var legendX = Margin;
        foreach (var (name, colour) in chart.Series)
        {
            _commands.Add(new Box(new Area(legendX, _y + 3, 9, 9), colour));
            _commands.Add(new Text(name, Small, Ink, legendX + 12, _y + 11));
            legendX += 24 + Width(name, Small);
        }

        var y = _y + legendHeight;
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            _commands.Add(new Text(Truncate(chart.Categories[c], Small, labelWidth - 6), Small, Ink, Margin, y + 9));
            var x = Margin + labelWidth;
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var width = chart.Values[c][s] * scale;
                if (width > 0)
                {
                    _commands.Add(new Box(new Area(x, y, width, barHeight), chart.Series[s].Colour));
                    x += width;
                }
            }

            _commands.Add(
                new Text(chart.Values[c].Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Small, Ink, x + 4, y + 9)
            );
            y += barHeight + rowGap;
        }

        _commands.Add(new End());
        _y += height + 8;
    }

    /// <summary>A line chart: gridlines with their values, a polyline for each series, month labels and a legend.</summary>
    private void PlaceLines(Trends.Chart chart)
    {
        const double plotHeight = 120;
        const double labelWidth = 30;
        const double legendHeight = 18;
        var height = legendHeight + plotHeight + 22;
        if (_y + height > Bottom)
        {
            StartPage();
        }

        _commands.Add(new Begin(Tag.Figure, $"{chart.Title}. {chart.Summary}", new Area(Margin, _y, ContentWidth, height)));
        var legendX = Margin;
        foreach (var series in chart.Series)
        {
            _commands.Add(new Box(new Area(legendX, _y + 3, 9, 9), Colour.FromHex(series.Colour)));
            _commands.Add(new Text(series.Name, Small, Ink, legendX + 12, _y + 11));
            legendX += 24 + Width(series.Name, Small);
        }

        var top = _y + legendHeight;
        var left = Margin + labelWidth;
        var width = ContentWidth - labelWidth;
        var max = chart.Maximum;
        double X(int i) => left + (chart.Categories.Count == 1 ? width / 2 : width * i / (chart.Categories.Count - 1));
        double Y(double value) => top + plotHeight - (plotHeight * value / max);
        foreach (var tick in new[] { 0, max / 2.0, max })
        {
            _commands.Add(new Rule(left, Y(tick), left + width, Y(tick), Hairline, HairlineWidth));
            _commands.Add(new Text(tick.ToString("0", System.Globalization.CultureInfo.InvariantCulture), Small, Ink, Margin, Y(tick) + 3));
        }

        foreach (var series in chart.Series)
        {
            var colour = Colour.FromHex(series.Colour);
            for (var i = 1; i < series.Values.Count; i++)
            {
                _commands.Add(new Rule(X(i - 1), Y(series.Values[i - 1]), X(i), Y(series.Values[i]), colour, 1.5));
            }
        }

        var every = Math.Max(1, (int)Math.Ceiling(chart.Categories.Count / 8.0));
        for (var i = 0; i < chart.Categories.Count; i += every)
        {
            _commands.Add(new Text(chart.Categories[i], Small, Ink, X(i) - (Width(chart.Categories[i], Small) / 2), top + plotHeight + 14));
        }

        _commands.Add(new End());
        _y += height + 8;
    }

    private void PlaceTable(TableBlock table)
    {
        const double padding = 3;
        var widths = table.Widths.Select(w => w * ContentWidth).ToArray();
        var lineHeight = Small.Size * 1.3;
        var header = table.Headers.Select((h, i) => Wrap(h, SmallBold, widths[i] - (2 * padding))).ToList();
        var headerHeight = (header.Max(l => l.Count) * lineHeight) + (2 * padding);
        // Each row is wrapped as it is placed: wrapped all at once, a 5,000-row table's lines outlived their pages.
        List<List<string>> Wrapped(IReadOnlyList<string> row) =>
            row.Select((cell, i) => Wrap(cell, Small, widths[i] - (2 * padding))).ToList();
        var firstHeight = table.Rows.Count > 0 ? (Wrapped(table.Rows[0]).Max(c => c.Count) * lineHeight) + (2 * padding) : 0;
        if (_y + headerHeight + firstHeight > Bottom)
        {
            StartPage();
        }

        _commands.Add(new Begin(Tag.Table));
        PlaceRow(header, widths, headerHeight, lineHeight, padding, isHeader: true, asArtifact: false);
        foreach (var row in table.Rows.Select(Wrapped))
        {
            var height = (row.Max(c => Math.Max(1, c.Count)) * lineHeight) + (2 * padding);
            if (_y + height > Bottom)
            {
                StartPage();
                PlaceRow(header, widths, headerHeight, lineHeight, padding, isHeader: true, asArtifact: true);
            }

            PlaceRow(row, widths, height, lineHeight, padding, isHeader: false, asArtifact: false);
        }

        _commands.Add(new End());
        _y += 10;
    }

    private void PlaceRow(
        List<List<string>> cells,
        double[] widths,
        double height,
        double lineHeight,
        double padding,
        bool isHeader,
        bool asArtifact
    )
    {
        if (isHeader)
        {
            _commands.Add(new BeginArtifact());
            _commands.Add(new Box(new Area(Margin, _y, ContentWidth, height), Shade));
            _commands.Add(new End());
        }

        _commands.Add(asArtifact ? new BeginArtifact() : new Begin(Tag.Row));
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            if (!asArtifact)
            {
                _commands.Add(new Begin(isHeader ? Tag.HeaderCell : Tag.Cell));
            }

            var y = _y + padding;
            foreach (var line in cells[i])
            {
                y += lineHeight;
                _commands.Add(new Text(line + " ", isHeader ? SmallBold : Small, Ink, x + padding, y - (lineHeight * 0.25)));
            }

            if (!asArtifact)
            {
                _commands.Add(new End());
            }

            x += widths[i];
        }

        _commands.Add(new End());
        _commands.Add(new BeginArtifact());
        _commands.Add(new Rule(Margin, _y + height, Margin + ContentWidth, _y + height, Hairline, HairlineWidth));
        _commands.Add(new End());
        _y += height;
    }

    /// <summary>Splits text into lines that fit the width, breaking at spaces (and inside a word only when it alone is too long).</summary>
    public static List<string> Wrap(string text, ReportFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Width(candidate, font) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (Width(line, font) > width && line.Length > 1)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && Width(line[..fit], font) > width)
                    {
                        fit--;
                    }

                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private static string Truncate(string text, ReportFont font, double width)
    {
        if (Width(text, font) <= width)
        {
            return text;
        }

        var end = text.Length;
        while (end > 1 && Width(text[..end] + "...", font) > width)
        {
            end--;
        }

        return text[..end] + "...";
    }

    private static double Width(string text, ReportFont font) => font.Measure(text);
}
