using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Readiness.Core.Trends;

namespace Readiness.Web.Features.Dashboard;

/// <summary>
/// Draws a <see cref="Chart"/> as inline SVG: no script and no style attributes (the page's policy allows neither), a
/// title and description for screen readers, and the chart's sentence as its description.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 260;
    private const int Left = 48;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 48;

    public static IHtmlContent Draw(Chart chart, string id)
    {
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var max = NiceMaximum(chart.Maximum);
        double X(int i) => Left + (chart.Categories.Count == 1 ? plotWidth / 2.0 : plotWidth * i / (double)(chart.Categories.Count - 1));
        double Y(double value) => Top + plotHeight - plotHeight * value / max;
        var svg = new StringBuilder();
        svg.Append(
            Inv($"<svg class=\"app-chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" ")
                + "focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">"
        );
        svg.Append(Inv($"<title id=\"{id}-title\">{Encode(chart.Title)}</title>"));
        svg.Append(Inv($"<desc id=\"{id}-desc\">{Encode(chart.Summary)}</desc>"));
        foreach (var tick in Enumerable.Range(0, 5).Select(t => max * t / 4.0))
        {
            svg.Append(
                Inv($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(tick):F1}\" y2=\"{Y(tick):F1}\" ")
                    + "stroke=\"#b1b4b6\" stroke-width=\"1\"/>"
                    + Inv($"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:F1}\" text-anchor=\"end\" font-size=\"12\" fill=\"#0b0c0c\">")
                    + Inv($"{tick:0}</text>")
            );
        }

        var every = Math.Max(1, (int)Math.Ceiling(chart.Categories.Count / 8.0));
        var slot = plotWidth / (double)Math.Max(1, chart.Categories.Count);
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            if (i % every == 0 || i == chart.Categories.Count - 1)
            {
                var x = chart.Kind == ChartKind.Lines ? X(i) : Left + slot * (i + 0.5);
                svg.Append(
                    Inv($"<text x=\"{x:F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#0b0c0c\">")
                        + Inv($"{Encode(chart.Categories[i])}</text>")
                );
            }
        }

        if (chart.Kind == ChartKind.Lines)
        {
            foreach (var series in chart.Series)
            {
                var points = string.Join(" ", series.Values.Select((v, i) => Inv($"{X(i):F1},{Y(v):F1}")));
                svg.Append(Inv($"<polyline points=\"{points}\" fill=\"none\" stroke=\"{series.Colour}\" stroke-width=\"3\"/>"));
            }
        }
        else
        {
            var barWidth = slot * 0.7;
            for (var i = 0; i < chart.Categories.Count; i++)
            {
                var running = 0;
                foreach (var series in chart.Series)
                {
                    var value = series.Values[i];
                    svg.Append(
                        Inv($"<rect x=\"{Left + slot * i + (slot - barWidth) / 2:F1}\" y=\"{Y(running + value):F1}\" ")
                            + Inv($"width=\"{barWidth:F1}\" ")
                            + Inv($"height=\"{Y(running) - Y(running + value):F1}\" fill=\"{series.Colour}\"/>")
                    );
                    running += value;
                }
            }
        }

        var legendX = Left;
        foreach (var series in chart.Series)
        {
            svg.Append(
                Inv($"<rect x=\"{legendX}\" y=\"{Height - 18}\" width=\"12\" height=\"12\" fill=\"{series.Colour}\"/>")
                    + Inv($"<text x=\"{legendX + 16}\" y=\"{Height - 8}\" font-size=\"12\" fill=\"#0b0c0c\">{Encode(series.Name)}</text>")
            );
            legendX += 24 + (series.Name.Length * 7);
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A round top for the scale (1, 2 or 5 times a power of ten, in quarters), so the gridlines read as whole numbers.</summary>
    private static int NiceMaximum(int max)
    {
        var step = 1;
        while (step * 4 < max)
        {
            step = step.ToString(CultureInfo.InvariantCulture)[0] switch
            {
                '1' => step * 2,
                '2' => step * 5 / 2,
                _ => step * 2,
            };
        }

        return step * 4;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
