using System.Text;
using Readiness.TestSupport;

namespace Readiness.Tests.Evidence;

public static class HostileFiles
{
    /// <summary>Each kind of hostile or broken file, with what its refusal must say; refusals also name what is allowed.</summary>
    public static TheoryData<string, string, byte[], string> Corpus =>
        new()
        {
            { "renamed executable", "report.pdf", SampleFiles.WindowsProgram(), "its content is a Windows program" },
            { "Linux program named as an image", "photo.png", SampleFiles.LinuxProgram(), "its content is a Linux program" },
            { "web page named .pdf", "report.pdf", SampleFiles.Html(), "its content is a web page or markup" },
            { "web page named .txt", "notes.txt", SampleFiles.Html(), "contains web page markup or script" },
            { "path traversal", "../../etc/passwd.pdf", SampleFiles.Pdf(), "must not contain folders" },
            { "control characters in the name", "report\u0007.pdf", SampleFiles.Pdf(), "must not contain folders" },
            { "empty file", "empty.pdf", [], "is empty" },
            { "plain zip named .docx", "minutes.docx", SampleFiles.PlainZip(), "is a zip archive, not a real Word document" },
            { "Word document with macros", "minutes.docx", SampleFiles.Docx(macros: true), "contains macros" },
            { "damaged Word document", "minutes.docx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6], "damaged" },
            { "PNG named as a JPEG", "photo.jpg", SampleFiles.Png(), "its content is a PNG image" },
            { "executable extension", "setup.exe", SampleFiles.WindowsProgram(), "must be a PDF, Word, Excel" },
            { "text that is not UTF-8", "notes.csv", [0x66, 0xFF, 0xFE, 0x00, 0x41], "not plain text" },
            { "text with a NUL", "notes.txt", Encoding.UTF8.GetBytes("agreed\0 at the board"), "not plain text" },
            { "only a PDF header", "report.pdf", "%PDF-1.7"u8.ToArray(), "damaged or is not a real PDF" },
            { "HTML/PDF polyglot", "report.pdf", Polyglot(), "contains web page markup or script" },
            { "PDF with no pages", "report.pdf", NoPages(), "is a PDF with no pages" },
            { "PDF that runs JavaScript on opening", "report.pdf", PdfAction("/S /JavaScript /JS (app.alert(1))"), "contains scripts" },
            {
                "PDF with a hex-escaped JavaScript name",
                "report.pdf",
                PdfAction("/S /J#61vaScript /JS (app.alert(1))"),
                "contains scripts"
            },
            { "PDF that launches a program", "report.pdf", PdfAction("/S /Launch /F (cmd.exe)"), "contains scripts" },
            { "PDF with an embedded file", "report.pdf", EmbeddedFile(), "has files embedded in it" },
            {
                "Word document with a ../ part",
                "minutes.docx",
                SampleFiles.Docx(false, "../../../../etc/evil.sh"),
                "unsafe or repeated names"
            },
            { "Word document with an absolute part", "minutes.docx", SampleFiles.Docx(false, "/etc/evil.sh"), "unsafe or repeated names" },
            {
                "Word document with a backslash part",
                "minutes.docx",
                SampleFiles.Docx(false, "word\\..\\evil.xml"),
                "unsafe or repeated names"
            },
            {
                "Word document with a repeated part",
                "minutes.docx",
                SampleFiles.Docx(false, "word/document.xml"),
                "unsafe or repeated names"
            },
            { "older Word document", "minutes.doc", SampleFiles.LegacyOffice(), "older Office format that cannot be checked for macros" },
            { "older Excel workbook", "tracker.xls", SampleFiles.LegacyOffice(), "save it as a .docx, .xlsx or .pptx" },
            { "PNG with a vast header", "photo.png", SampleFiles.Png(100_000, 100_000), "must be at most 30,000 pixels on each side" },
            { "PNG with no size", "photo.png", SampleFiles.Png(0, 0), "damaged or is not a real image" },
            { "PNG cut short", "photo.png", SampleFiles.Png()[..20], "damaged or is not a real PNG image" },
            { "JPEG too many pixels", "photo.jpg", SampleFiles.Jpeg(20_000, 20_000), "150 million pixels in all" },
            { "JPEG with no frame", "photo.jpg", [0xFF, 0xD8, 0xFF, 0xD9], "damaged or is not a real JPEG image" },
        };

    public static byte[] PdfAction(string action) => SampleFiles.PdfWith("Report", "/OpenAction 5 0 R", $"<< {action} >>");

    public static byte[] EmbeddedFile() =>
        SampleFiles.PdfWith(
            "Report",
            "/Names << /EmbeddedFiles << /Names [(evil.exe) 5 0 R] >> >>",
            "<< /Type /Filespec /F (evil.exe) /EF << /F 6 0 R >> >>",
            SampleFiles.Stream("MZ")
        );

    public static byte[] NoPages() =>
        Encoding.Latin1.GetBytes(
            Encoding.Latin1.GetString(SampleFiles.Pdf()).Replace("/Kids [3 0 R] /Count 1", "/Kids [] /Count 0", StringComparison.Ordinal)
        );

    /// <summary>A file that is a PDF to a PDF reader and a web page to a browser that sniffs.</summary>
    public static byte[] Polyglot() =>
        [.. "%PDF-1.7\n%<html><body><script>fetch('/api')</script></body></html>\n"u8, .. SampleFiles.Pdf().AsSpan(9)];
}
