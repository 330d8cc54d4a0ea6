using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Readiness.Core.Reports.Layout;

/// <summary>
/// Draws laid-out commands once, as a tagged PDF (PDFsharp's UAManager): language en-GB, the title in the metadata,
/// headings, paragraphs, tables with header cells and figures with alternative text. Running headers and footers
/// (the marking at the top and bottom of every page, "Page X of Y") are artifacts, skipped by screen readers.
/// </summary>
public static class PdfRenderer
{
    private static readonly XFont Marking = new(ReportFonts.Family, 9, XFontStyleEx.Bold);
    private static readonly XFont Footer = new(ReportFonts.Family, 8);
    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(11, 12, 12));

    public static byte[] Render(
        IReadOnlyList<Command> commands,
        int pageCount,
        string title,
        string marking,
        string? footerNote,
        DateTimeOffset created
    )
    {
        ReportFonts.Install();
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Subject = title;
        document.Info.Author = "Readiness";
        document.Info.Creator = "Readiness";
        document.Info.CreationDate = created.UtcDateTime;
        document.Info.ModificationDate = created.UtcDateTime;
        document.ViewerPreferences.DisplayDocTitle = true;
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage("en-GB");
        var sb = ua.StructureBuilder;
        var parentTree = new ParentTreeShelf(ua);
        XGraphics? gfx = null;
        var page = 0;
        foreach (var command in commands)
        {
            switch (command)
            {
                case NewPage:
                    gfx?.Dispose();
                    parentTree.SetAsideFinishedPages();
                    page++;
                    gfx = XGraphics.FromPdfPage(
                        document.AddPage(
                            new PdfPage { Width = XUnit.FromPoint(PageLayout.PageWidth), Height = XUnit.FromPoint(PageLayout.PageHeight) }
                        )
                    );
                    DrawRunningText(sb, gfx, page, pageCount, marking, footerNote);
                    break;
                case Begin begin:
                    BeginElement(sb, begin);
                    break;
                case BeginArtifact:
                    sb.BeginArtifact();
                    break;
                case End:
                    sb.End();
                    break;
                case Text text:
                    gfx!.DrawString(text.Value, text.Font, text.Brush, text.X, text.Y);
                    break;
                case Box box:
                    gfx!.DrawRectangle(box.Brush, box.Rect);
                    break;
                case Rule rule:
                    gfx!.DrawLine(rule.Pen, rule.X1, rule.Y1, rule.X2, rule.Y2);
                    break;
            }
        }

        gfx?.Dispose();
        parentTree.PutBack();
        using var output = new ChunkedOutputStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void BeginElement(StructureBuilder sb, Begin begin)
    {
        switch (begin.Tag)
        {
            case Tag.H1:
                sb.BeginElement(PdfBlockLevelElementTag.Heading1);
                break;
            case Tag.H2:
                sb.BeginElement(PdfBlockLevelElementTag.Heading2);
                break;
            case Tag.Table:
                sb.BeginElement(PdfBlockLevelElementTag.Table);
                break;
            case Tag.Row:
                sb.BeginElement(PdfBlockLevelElementTag.TableRow);
                break;
            case Tag.HeaderCell:
                sb.BeginElement(PdfBlockLevelElementTag.TableHeaderCell);
                break;
            case Tag.Cell:
                sb.BeginElement(PdfBlockLevelElementTag.TableDataCell);
                break;
            case Tag.Figure:
                sb.BeginElement(PdfIllustrationElementTag.Figure, begin.AltText ?? "", begin.Bounds ?? default);
                break;
            default:
                sb.BeginElement(PdfBlockLevelElementTag.Paragraph);
                break;
        }
    }

    private static void DrawRunningText(StructureBuilder sb, XGraphics gfx, int page, int pageCount, string marking, string? footerNote)
    {
        sb.BeginArtifact();
        var markingWidth = gfx.MeasureString(marking, Marking).Width;
        var centre = (PageLayout.PageWidth - markingWidth) / 2;
        gfx.DrawString(marking, Marking, Ink, centre, 30);
        gfx.DrawString(marking, Marking, Ink, centre, PageLayout.PageHeight - 22);
        var pageText = $"Page {page} of {pageCount}";
        gfx.DrawString(
            pageText,
            Footer,
            Ink,
            PageLayout.PageWidth - PageLayout.Margin - gfx.MeasureString(pageText, Footer).Width,
            PageLayout.PageHeight - 40
        );
        if (footerNote is not null)
        {
            gfx.DrawString(footerNote, Footer, Ink, PageLayout.Margin, PageLayout.PageHeight - 40);
        }

        sb.End();
    }

    /// <summary>
    /// PDFsharp finds the current page's entry in the structure parent tree by scanning every page's entry for each tagged
    /// item, so a 500-page report spent most of its time there. Finished pages' entries are set aside while the next
    /// pages are drawn and put back, in order, before the document is saved: the same document, in linear time.
    /// </summary>
    private sealed class ParentTreeShelf(UAManager ua)
    {
        private readonly List<PdfItem> finished = [];

        private PdfArray? Entries =>
            (ua.StructureTreeRoot.Elements.GetDictionary("/ParentTree") as PdfNumberTreeNode)?.Elements.GetArray("/Nums");

        public void SetAsideFinishedPages()
        {
            if (Entries is { } entries)
            {
                finished.AddRange(entries.Elements);
                entries.Elements.Clear();
            }
        }

        public void PutBack()
        {
            if (Entries is { } entries)
            {
                var current = entries.Elements.ToList();
                entries.Elements.Clear();
                foreach (var item in finished.Concat(current))
                {
                    entries.Elements.Add(item);
                }
            }
        }
    }
}
