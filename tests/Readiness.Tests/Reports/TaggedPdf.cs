namespace Readiness.Tests.Reports;

/// <summary>Reads a tagged PDF's structure with PDFsharp's reader, independent of how the report wrote it.</summary>
public static class TaggedPdf
{
    public static PdfSharp.Pdf.PdfDocument Open(byte[] pdf) =>
        PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);

    private static PdfSharp.Pdf.PdfItem? Resolve(PdfSharp.Pdf.PdfItem? item) =>
        item is PdfSharp.Pdf.Advanced.PdfReference reference ? reference.Value : item;

    /// <summary>Every structure element, found by walking the tree from its root.</summary>
    public static List<PdfSharp.Pdf.PdfDictionary> StructureElements(PdfSharp.Pdf.PdfDocument document)
    {
        var found = new List<PdfSharp.Pdf.PdfDictionary>();
        var root = document.Internals.Catalog.Elements.GetDictionary("/StructTreeRoot")!;
        var pending = new Stack<PdfSharp.Pdf.PdfItem?>([root.Elements["/K"]]);
        while (pending.TryPop(out var item))
        {
            switch (Resolve(item))
            {
                case PdfSharp.Pdf.PdfArray array:
                    array.Elements.ToList().ForEach(pending.Push);
                    break;
                case PdfSharp.Pdf.PdfDictionary element when element.Elements.ContainsKey("/S"):
                    found.Add(element);
                    pending.Push(element.Elements["/K"]);
                    break;
            }
        }

        return found;
    }

    /// <summary>The marked-content ids an element holds on a page: numbers on its own page, references to others.</summary>
    public static IEnumerable<int> MarkedKids(PdfSharp.Pdf.PdfDictionary element, PdfSharp.Pdf.PdfPage page)
    {
        var ownPage = ReferenceEquals(Resolve(element.Elements["/Pg"]), page);
        var kids = Resolve(element.Elements["/K"]) is PdfSharp.Pdf.PdfArray array ? array.Elements.ToList() : [element.Elements["/K"]!];
        foreach (var kid in kids.Select(Resolve))
        {
            if (kid is PdfSharp.Pdf.PdfInteger number && ownPage)
            {
                yield return number.Value;
            }
            else if (kid is PdfSharp.Pdf.PdfDictionary { } reference && ReferenceEquals(Resolve(reference.Elements["/Pg"]), page))
            {
                yield return reference.Elements.GetInteger("/MCID");
            }
        }
    }
}
