using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Readiness.Core.Reports.Layout;

/// <summary>
/// Writes laid-out commands as a tagged PDF in one pass: language en-GB, the title in the metadata (and shown as the
/// window's title), headings, paragraphs, tables with header cells and figures with alternative text. Every piece of
/// content is either in the structure tree or an artifact: the running marking and "Page X of Y" at the top and bottom
/// of every page, shading and rules. Text is set in subsets of Liberation Sans, embedded, with a map back to Unicode.
/// Each page's content is drawn and written as its commands come, while the layout lays the next; the running text that
/// opens it is a content stream of its own, written with the page once the page count is known. The structure tree, the
/// fonts and the cross-reference table follow.
/// </summary>
public sealed class TaggedPdfWriter : IDisposable
{
    private const int CatalogId = 1;
    private const int PagesId = 2;
    private const int InfoId = 3;
    private const int MetadataId = 4;
    private const int ResourcesId = 5;
    private const int TreeRootId = 6;
    private const int DocumentId = 7;
    private const int FirstFreeId = 8;
    private const int ElementsPerStream = 200;
    private static readonly Colour Ink = PageLayout.Ink;
    private static readonly ReportFont Marking = new(ReportFonts.Bold, 9);
    private static readonly ReportFont Footer = new(ReportFonts.Regular, 8);
    private static readonly object Artifact = new();

    private readonly ChunkedOutputStream output = new();
    private readonly List<long> offsets = [0];
    private readonly Dictionary<int, (int Stream, int Index)> packed = [];
    private readonly PdfBytes scratch = new();
    private readonly PdfBytes content = new();
    private readonly PdfBytes objectStreamHeader = new();
    private readonly MemoryStream compressed = new();
    private readonly FontInUse[] fonts;
    private readonly Element document;
    private readonly List<Element> elements = [];
    private readonly Stack<object> open = new();
    private readonly List<List<int>> markedOnPage = [];
    private readonly List<DrawnPage> drawnPages = [];
    private readonly string marking;
    private readonly string? footerNote;
    private PageState page = new(0, 0);

    private TaggedPdfWriter(string marking, string? footerNote)
    {
        this.marking = marking;
        this.footerNote = footerNote;
        offsets.AddRange(Enumerable.Repeat(0L, FirstFreeId - 1));
        fonts = [new FontInUse(ReportFonts.Regular, "F1", this), new FontInUse(ReportFonts.Bold, "F2", this)];
        document = new Element(DocumentId, null, null, null, null);
    }

    public static byte[] Write(IEnumerable<Command> commands, string title, string marking, string? footerNote, DateTimeOffset created)
    {
        using var writer = new TaggedPdfWriter(marking, footerNote);
        writer.output.Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"u8);
        foreach (var command in commands)
        {
            writer.Draw(command);
        }

        writer.FinishPage();
        writer.WritePages();
        writer.WriteDocument(title, created);
        return writer.output.ToArray();
    }

    public void Dispose()
    {
        output.Dispose();
        compressed.Dispose();
    }

    private void Draw(Command command)
    {
        switch (command)
        {
            case NewPage:
                FinishPage();
                StartPage();
                break;
            case Begin begin:
                CloseMarkedContent();
                var parent = InnermostOpenElement();
                var element = new Element(NewId(), begin.Tag, parent, begin.AltText, begin.Bounds);
                elements.Add(element);
                parent.Kids.Add(new Kid(element.Id, 0, 0));
                open.Push(element);
                break;
            case BeginArtifact:
                CloseMarkedContent();
                open.Push(Artifact);
                break;
            case End:
                CloseMarkedContent();
                open.Pop();
                break;
            case Text text:
                MarkContent();
                DrawText(text.Value, text.Font, text.Colour, text.X, text.Y);
                break;
            case Box box:
                MarkContent();
                Fill(box.Colour);
                content
                    .Number(box.Area.X)
                    .Number(PageLayout.PageHeight - box.Area.Y - box.Area.Height)
                    .Number(box.Area.Width)
                    .Number(box.Area.Height)
                    .Add("re f\n");
                break;
            case Rule rule:
                MarkContent();
                Stroke(rule.Colour, rule.Width);
                content
                    .Number(rule.X1)
                    .Number(PageLayout.PageHeight - rule.Y1)
                    .Add("m ")
                    .Number(rule.X2)
                    .Number(PageLayout.PageHeight - rule.Y2)
                    .Add("l S\n");
                break;
        }
    }

    private Element InnermostOpenElement()
    {
        foreach (var item in open)
        {
            if (item is Element element)
            {
                return element;
            }
        }

        return document;
    }

    private void DrawRunningText(int pageNumber, int pageCount)
    {
        content.Add("/Artifact <</Type /Pagination>> BDC\n");
        var centre = (PageLayout.PageWidth - Marking.Measure(marking)) / 2;
        DrawText(marking, Marking, Ink, centre, 30);
        DrawText(marking, Marking, Ink, centre, PageLayout.PageHeight - 22);
        var pageText = $"Page {pageNumber} of {pageCount}";
        DrawText(pageText, Footer, Ink, PageLayout.PageWidth - PageLayout.Margin - Footer.Measure(pageText), PageLayout.PageHeight - 40);
        if (footerNote is not null)
        {
            DrawText(footerNote, Footer, Ink, PageLayout.Margin, PageLayout.PageHeight - 40);
        }

        content.Add("EMC\n");
    }

    private void DrawText(string text, ReportFont font, Colour colour, double x, double y)
    {
        var inUse = fonts[font.Face == ReportFonts.Bold ? 1 : 0];
        Fill(colour);
        content.Add("BT\n");
        if (page.Font != inUse || page.Size != font.Size)
        {
            content.Add("/").Add(inUse.Name).Add(" ").Number(font.Size).Add("Tf\n");
            (page.Font, page.Size) = (inUse, font.Size);
        }

        content.Number(x).Number(PageLayout.PageHeight - y).Add("Td <");
        foreach (var rune in text.EnumerateRunes())
        {
            content.Hex(inUse.Glyph(rune));
        }

        content.Add("> Tj\nET\n");
    }

    private void Fill(Colour colour)
    {
        if (page.FillColour != colour)
        {
            content.Number(colour.Red / 255.0).Number(colour.Green / 255.0).Number(colour.Blue / 255.0).Add("rg\n");
            page.FillColour = colour;
        }
    }

    private void Stroke(Colour colour, double width)
    {
        if (page.StrokeColour != colour || page.LineWidth != width)
        {
            content.Number(colour.Red / 255.0).Number(colour.Green / 255.0).Number(colour.Blue / 255.0).Add("RG ");
            content.Number(width).Add("w\n");
            (page.StrokeColour, page.LineWidth) = (colour, width);
        }
    }

    /// <summary>Opens a marked-content sequence for what is about to be drawn, if the one open is not already its own.</summary>
    private void MarkContent()
    {
        var owner = open.Count == 0 ? Artifact : open.Peek();
        if (owner == page.Marked)
        {
            return;
        }

        CloseMarkedContent();
        if (owner is Element element)
        {
            var marked = markedOnPage[^1];
            element.Kids.Add(new Kid(0, page.Id, marked.Count));
            element.PageId = element.PageId == 0 ? page.Id : element.PageId;
            content.Add("/").Add(element.Name).Add(" <</MCID ").Number(marked.Count).Add(">> BDC\n");
            marked.Add(element.Id);
        }
        else
        {
            content.Add("/Artifact BMC\n");
        }

        page.Marked = owner;
    }

    private void CloseMarkedContent()
    {
        if (page.Marked is not null)
        {
            content.Add("EMC\n");
            page.Marked = null;
        }
    }

    private void StartPage()
    {
        page = new PageState(NewId(), NewId());
        markedOnPage.Add([]);
        // The running text opens the page, in a content stream of its own that waits for the page count (WritePages).
        // Drawn here as "Page X of X" and thrown away, it leaves the graphics state as the page's own content finds it
        // after that stream, and uses only glyphs it will.
        content.Clear();
        DrawRunningText(drawnPages.Count + 1, drawnPages.Count + 1);
        content.Clear();
    }

    private void FinishPage()
    {
        if (page.Id == 0)
        {
            return;
        }

        CloseMarkedContent();
        // Written as soon as it is drawn, beside the layout of the pages after it, rather than held to the end.
        WriteStream(page.ContentId, content.Span, "");
        drawnPages.Add(new DrawnPage(page.Id, page.ContentId, NewId()));
    }

    /// <summary>Each drawn page's running text, now that the page count is known, then the page: running text first.</summary>
    private void WritePages()
    {
        for (var index = 0; index < drawnPages.Count; index++)
        {
            var drawn = drawnPages[index];
            page = new PageState(drawn.Id, drawn.ContentId);
            content.Clear();
            DrawRunningText(index + 1, drawnPages.Count);
            WriteStream(drawn.RunningTextId, content.Span, "");
            WritePage(index, drawn.RunningTextId);
        }
    }

    private void WritePage(int index, int runningTextId)
    {
        BeginObject(page.Id)
            .Add("<</Type /Page /Parent ")
            .Reference(PagesId)
            .Add("/MediaBox [0 0 ")
            .Number(PageLayout.PageWidth)
            .Number(PageLayout.PageHeight)
            .Add("] /Resources ")
            .Reference(ResourcesId)
            .Add("/Contents [")
            .Reference(runningTextId)
            .Reference(page.ContentId)
            .Add("] /StructParents ")
            .Number(index)
            .Add("/Tabs /S>>");
        EndObject();
    }

    private void WriteDocument(string title, DateTimeOffset created)
    {
        WriteElements();
        WriteObjectStream([TreeRootId], _ => WriteTreeRoot());
        foreach (var font in fonts)
        {
            font.Write();
        }

        BeginObject(ResourcesId).Add("<</Font <<");
        foreach (var font in fonts)
        {
            scratch.Add("/").Add(font.Name).Add(" ").Reference(font.Type0Id);
        }

        scratch.Add(">> /ProcSet [/PDF /Text]>>");
        EndObject();
        BeginObject(PagesId).Add("<</Type /Pages /Kids [");
        foreach (var drawn in drawnPages)
        {
            scratch.Reference(drawn.Id);
        }

        scratch.Add("] /Count ").Number(drawnPages.Count).Add(">>");
        EndObject();
        var date = $"(D:{created.UtcDateTime:yyyyMMddHHmmss}Z)";
        BeginObject(InfoId)
            .Add("<</Title ")
            .TextString(title)
            .Add(" /Subject ")
            .TextString(title)
            .Add(" /Author (Readiness) /Creator (Readiness) /Producer (Readiness) /CreationDate ")
            .Add(date)
            .Add(" /ModDate ")
            .Add(date)
            .Add(">>");
        EndObject();
        WriteMetadata(title, created);
        BeginObject(CatalogId)
            .Add("<</Type /Catalog /Pages ")
            .Reference(PagesId)
            .Add("/Metadata ")
            .Reference(MetadataId)
            .Add("/StructTreeRoot ")
            .Reference(TreeRootId)
            .Add("/MarkInfo <</Marked true>> /Lang(en-GB) /ViewerPreferences <</DisplayDocTitle true>>>>");
        EndObject();
        WriteCrossReferences(title, created);
    }

    /// <summary>
    /// The structure elements, a hundred or so bytes each and tens of thousands in a big report, go in compressed object
    /// streams of <see cref="ElementsPerStream"/>: a 513-page report's elements take about 1.5 MB rather than 5.2 MB.
    /// </summary>
    private void WriteElements()
    {
        packed.EnsureCapacity(packed.Count + elements.Count + 1);
        foreach (var chunk in elements.Prepend(document).Chunk(ElementsPerStream))
        {
            WriteObjectStream(chunk.Select(e => e.Id).ToList(), index => WriteElement(chunk[index], content));
        }
    }

    /// <summary>Objects (not streams) packed in a compressed object stream; <paramref name="write"/> writes the n-th.</summary>
    private void WriteObjectStream(List<int> ids, Action<int> write)
    {
        var streamId = NewId();
        var header = objectStreamHeader;
        header.Clear();
        content.Clear();
        for (var index = 0; index < ids.Count; index++)
        {
            header.Number(ids[index]).Number(content.Length);
            write(index);
            content.Add("\n");
            packed[ids[index]] = (streamId, index);
        }

        WriteStream(streamId, header.Span, content.Span, $"/Type /ObjStm /N {ids.Count} /First {header.Length}");
    }

    /// <summary>The root of the structure tree, with the parent tree: for each page, the element each marked item belongs to.</summary>
    private void WriteTreeRoot()
    {
        content.Add("<</Type /StructTreeRoot /K ").Reference(DocumentId).Add("/ParentTree <</Nums [");
        for (var index = 0; index < markedOnPage.Count; index++)
        {
            content.Number(index).Add("[");
            foreach (var id in markedOnPage[index])
            {
                content.Reference(id);
            }

            content.Add("] ");
        }

        content.Add("]>> /ParentTreeNextKey ").Number(markedOnPage.Count).Add(">>");
    }

    private static void WriteElement(Element element, PdfBytes target)
    {
        target.Add("<</Type /StructElem /S /").Add(element.Name).Add(" /P ").Reference(element.ParentId);
        if (element.PageId != 0)
        {
            target.Add("/Pg ").Reference(element.PageId);
        }

        if (element.AltText is not null)
        {
            target.Add("/Alt ").TextString(element.AltText).Add(" ");
        }

        if (element.Bounds is { } bounds)
        {
            target
                .Add("/A <</O /Layout /Placement /Block /BBox [")
                .Number(bounds.X)
                .Number(PageLayout.PageHeight - bounds.Y - bounds.Height)
                .Number(bounds.X + bounds.Width)
                .Number(PageLayout.PageHeight - bounds.Y)
                .Add("]>> ");
        }
        else if (element.Tag == Tag.HeaderCell)
        {
            target.Add("/A <</O /Table /Scope /Column>> ");
        }

        target.Add("/K [");
        foreach (var kid in element.Kids)
        {
            if (kid.ElementId != 0)
            {
                target.Reference(kid.ElementId);
            }
            else if (kid.PageId == element.PageId)
            {
                target.Number(kid.Mcid);
            }
            else
            {
                target.Add("<</Type /MCR /Pg ").Reference(kid.PageId).Add("/MCID ").Number(kid.Mcid).Add(">> ");
            }
        }

        target.Add("]>>");
    }

    private void WriteMetadata(string title, DateTimeOffset created)
    {
        var escaped = System.Security.SecurityElement.Escape(title);
        var date = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var xmp = Encoding.UTF8.GetBytes(
            $"""
            <?xpacket begin="{'\uFEFF'}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
              xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escaped}</rdf:li></rdf:Alt></dc:title>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escaped}</rdf:li></rdf:Alt></dc:description>
            <dc:creator><rdf:Seq><rdf:li>Readiness</rdf:li></rdf:Seq></dc:creator>
            <dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
            <pdf:Producer>Readiness</pdf:Producer>
            <xmp:CreatorTool>Readiness</xmp:CreatorTool>
            <xmp:CreateDate>{date}</xmp:CreateDate>
            <xmp:ModifyDate>{date}</xmp:ModifyDate>
            <pdfuaid:part>1</pdfuaid:part>
            </rdf:Description>
            </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
        );
        BeginObject(MetadataId).Add("<</Type /Metadata /Subtype /XML /Length ").Number(xmp.Length).Add(">>\nstream\n").Add(xmp);
        scratch.Add("\nendstream");
        EndObject();
    }

    /// <summary>A cross-reference stream (PDF 1.5): where each object starts, or which object stream holds it.</summary>
    private void WriteCrossReferences(string title, DateTimeOffset created)
    {
        var id = NewId();
        offsets[id] = output.Length;
        var entries = new byte[offsets.Count * 7];
        for (var number = 0; number < offsets.Count; number++)
        {
            var entry = entries.AsSpan(number * 7, 7);
            if (number == 0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(entry[5..], 0xFFFF);
            }
            else if (packed.TryGetValue(number, out var place))
            {
                entry[0] = 2;
                BinaryPrimitives.WriteUInt32BigEndian(entry[1..], (uint)place.Stream);
                BinaryPrimitives.WriteUInt16BigEndian(entry[5..], (ushort)place.Index);
            }
            else
            {
                entry[0] = 1;
                BinaryPrimitives.WriteUInt32BigEndian(entry[1..], (uint)offsets[number]);
            }
        }

        var fileId = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{title}|{created:O}")).AsSpan(0, 16));
        WriteStream(
            id,
            entries,
            default,
            $"/Type /XRef /Size {offsets.Count} /W [1 4 2] /Root {CatalogId} 0 R /Info {InfoId} 0 R /ID [<{fileId}> <{fileId}>]"
        );
        scratch.Add("startxref\n").Number(offsets[id]).Add("\n%%EOF\n");
        Flush();
    }

    private int NewId()
    {
        offsets.Add(0);
        return offsets.Count - 1;
    }

    private PdfBytes BeginObject(int id)
    {
        offsets[id] = output.Length;
        return scratch.Number(id).Add("0 obj\n");
    }

    private void EndObject()
    {
        scratch.Add("\nendobj\n");
        Flush();
    }

    private void Flush()
    {
        output.Write(scratch.Span);
        scratch.Clear();
    }

    /// <summary>A stream object, compressed; <paramref name="entries"/> go in its dictionary beside the length.</summary>
    private void WriteStream(int id, ReadOnlySpan<byte> bytes, string entries) => WriteStream(id, bytes, default, entries);

    /// <summary>A stream object of two parts, compressed as one.</summary>
    private void WriteStream(int id, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, string entries)
    {
        compressed.SetLength(0);
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(first);
            zlib.Write(second);
        }

        BeginObject(id).Add("<<").Add(entries).Add(" /Filter /FlateDecode /Length ").Number(compressed.Length).Add(">>\nstream\n");
        scratch.Add(compressed.GetBuffer().AsSpan(0, (int)compressed.Length)).Add("\nendstream");
        EndObject();
    }

    /// <summary>The page being drawn and its graphics state, which starts afresh on every page.</summary>
    private sealed class PageState(int id, int contentId)
    {
        public int Id => id;
        public int ContentId => contentId;
        public object? Marked { get; set; }
        public FontInUse? Font { get; set; }
        public double Size { get; set; }
        public Colour FillColour { get; set; } = new(0, 0, 0);
        public Colour StrokeColour { get; set; } = new(0, 0, 0);
        public double LineWidth { get; set; } = 1;
    }

    private readonly record struct Kid(int ElementId, int PageId, int Mcid);

    /// <summary>A page drawn and its content written; the running text that will open it is still to write.</summary>
    private sealed record DrawnPage(int Id, int ContentId, int RunningTextId);

    private sealed class Element(int id, Tag? tag, Element? parent, string? altText, Area? bounds)
    {
        public int Id => id;
        public Tag? Tag => tag;
        public int ParentId => parent?.Id ?? TreeRootId;
        public string? AltText => altText;
        public Area? Bounds => bounds;
        public int PageId { get; set; }
        public List<Kid> Kids { get; } = [];

        public string Name =>
            tag switch
            {
                null => "Document",
                Layout.Tag.H1 => "H1",
                Layout.Tag.H2 => "H2",
                Layout.Tag.Table => "Table",
                Layout.Tag.Row => "TR",
                Layout.Tag.HeaderCell => "TH",
                Layout.Tag.Cell => "TD",
                Layout.Tag.Figure => "Figure",
                _ => "P",
            };
    }

    /// <summary>A face as the document uses it: its resource name, the glyphs drawn and the characters they stand for.</summary>
    private sealed class FontInUse(TrueTypeFont face, string name, TaggedPdfWriter writer)
    {
        // For each glyph drawn, the character it first stood for, plus one (0: not drawn); set for every character drawn.
        private readonly int[] characters = new int[ushort.MaxValue + 1];

        public string Name => name;
        public int Type0Id { get; } = writer.NewId();
        private int CidFontId { get; } = writer.NewId();
        private int DescriptorId { get; } = writer.NewId();
        private int FileId { get; } = writer.NewId();
        private int ToUnicodeId { get; } = writer.NewId();

        public ushort Glyph(Rune rune)
        {
            var glyph = face.GlyphFor(rune.Value);
            if (characters[glyph] == 0)
            {
                characters[glyph] = rune.Value + 1;
            }

            return glyph;
        }

        public void Write()
        {
            var glyphs = Enumerable.Range(0, characters.Length).Where(g => characters[g] != 0).Select(g => (ushort)g).ToArray();
            // A subset is named with six capital letters drawn from what it holds.
            var tag = string.Concat(
                SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(',', glyphs))).Take(6).Select(b => (char)('A' + (b % 26)))
            );
            var baseFont = $"/{tag}+{face.PostScriptName}";
            var subset = face.Subset(glyphs);
            writer.WriteStream(FileId, subset, $"/Length1 {subset.Length}");
            var box = face.BoundingBox;
            writer
                .BeginObject(DescriptorId)
                .Add("<</Type /FontDescriptor /FontName ")
                .Add(baseFont)
                .Add(" /Flags 32 /FontBBox [")
                .Number(box[0])
                .Number(box[1])
                .Number(box[2])
                .Number(box[3])
                .Add("] /ItalicAngle 0 /Ascent ")
                .Number(face.Ascent)
                .Add("/Descent ")
                .Number(face.Descent)
                .Add("/CapHeight ")
                .Number(face.CapHeight)
                .Add("/StemV ")
                .Number(face.IsBold ? 120 : 80)
                .Add("/FontFile2 ")
                .Reference(FileId)
                .Add(">>");
            writer.EndObject();
            writer
                .BeginObject(CidFontId)
                .Add("<</Type /Font /Subtype /CIDFontType2 /BaseFont ")
                .Add(baseFont)
                .Add(" /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor ")
                .Reference(DescriptorId)
                .Add("/CIDToGIDMap /Identity /DW 1000 /W [");
            foreach (var glyph in glyphs)
            {
                writer.scratch.Number(glyph).Add("[").Number(face.Width(glyph)).Add("] ");
            }

            writer.scratch.Add("]>>");
            writer.EndObject();
            writer.WriteStream(ToUnicodeId, ToUnicode(glyphs), "");
            writer
                .BeginObject(Type0Id)
                .Add("<</Type /Font /Subtype /Type0 /BaseFont ")
                .Add(baseFont)
                .Add(" /Encoding /Identity-H /DescendantFonts [")
                .Reference(CidFontId)
                .Add("] /ToUnicode ")
                .Reference(ToUnicodeId)
                .Add(">>");
            writer.EndObject();
        }

        private byte[] ToUnicode(ushort[] glyphs)
        {
            var map = new StringBuilder(
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    + "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"
                    + "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            );
            foreach (var chunk in glyphs.Where(g => g != 0).Chunk(100))
            {
                map.Append(chunk.Length).Append(" beginbfchar\n");
                foreach (var glyph in chunk)
                {
                    var codePoint = characters[glyph] - 1;
                    map.Append('<').Append(glyph.ToString("X4", CultureInfo.InvariantCulture)).Append("> <");
                    foreach (var unit in new Rune(codePoint).ToString())
                    {
                        map.Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
                    }

                    map.Append(">\n");
                }

                map.Append("endbfchar\n");
            }

            map.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
            return Encoding.ASCII.GetBytes(map.ToString());
        }
    }
}
