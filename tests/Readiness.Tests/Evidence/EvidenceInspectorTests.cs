using System.Text;
using Readiness.Core.Evidence;

namespace Readiness.Tests.Evidence;

public sealed class EvidenceInspectorTests
{
    private static readonly EvidenceInspector Inspector = new(
        new EvidenceOptions { MaxFileBytes = 1024 * 1024, MaxExpandedBytes = 50L * 1024 * 1024 }
    );

    private static Inspection Inspect(string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        return Inspector.Inspect(name, stream);
    }

    public static TheoryData<string, string, byte[], string> Hostile =>
        new()
        {
            { "renamed executable", "report.pdf", SampleFiles.WindowsProgram(), "its content is a Windows program" },
            { "Linux program named as an image", "photo.png", SampleFiles.LinuxProgram(), "its content is a Linux program" },
            { "web page named .pdf", "report.pdf", SampleFiles.Html(), "its content is a web page or markup" },
            { "web page named .txt", "notes.txt", SampleFiles.Html(), "is a web page or markup" },
            { "path traversal", "../../etc/passwd.pdf", SampleFiles.Pdf(), "must not contain folders" },
            { "control characters in the name", "report\u0007.pdf", SampleFiles.Pdf(), "must not contain folders" },
            { "over-long name", new string('a', 250) + ".pdf", SampleFiles.Pdf(), "200 characters or fewer" },
            { "empty file", "empty.pdf", [], "is empty" },
            { "oversized file", "big.pdf", [.. SampleFiles.Pdf(), .. new byte[1024 * 1024]], "must be smaller than 1 MB" },
            { "zip bomb named .docx", "minutes.docx", SampleFiles.ZipBomb(), "expands to more than 50 MB" },
            { "plain zip named .docx", "minutes.docx", SampleFiles.PlainZip(), "is a zip archive, not a real Word document" },
            { "Word document with macros", "minutes.docx", SampleFiles.Docx(macros: true), "contains macros" },
            { "damaged Word document", "minutes.docx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6], "damaged" },
            { "PNG named as a JPEG", "photo.jpg", SampleFiles.Png(), "its content is a PNG image" },
            { "executable extension", "setup.exe", SampleFiles.WindowsProgram(), "must be a PDF, Word, Excel" },
            { "text that is not UTF-8", "notes.csv", [0x66, 0xFF, 0xFE, 0x00, 0x41], "not plain text" },
        };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_or_broken_files_are_refused_with_a_message_that_says_what_is_wrong(
        string what,
        string name,
        byte[] content,
        string message
    )
    {
        var refused = Assert.IsType<Inspection.Refused>(Inspect(name, content));

        Assert.True(refused.Message.Contains(message, StringComparison.Ordinal), $"{what}: {refused.Message}");
    }

    [Theory]
    [InlineData("report.pdf", "application/pdf")]
    [InlineData("minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("photo.png", "image/png")]
    [InlineData("tracker.csv", "text/csv; charset=utf-8")]
    public void Real_files_of_the_allowed_types_are_accepted_with_the_type_their_content_shows(string name, string contentType)
    {
        var content = Path.GetExtension(name) switch
        {
            ".pdf" => SampleFiles.Pdf(),
            ".docx" => SampleFiles.Docx(),
            ".png" => SampleFiles.Png(),
            _ => SampleFiles.Csv(),
        };

        Assert.Equal(contentType, Assert.IsType<Inspection.Allowed>(Inspect(name, content)).ContentType);
    }

    [Fact]
    public void Plain_text_in_utf8_is_accepted() =>
        Assert.IsType<Inspection.Allowed>(Inspect("notes.txt", Encoding.UTF8.GetBytes("Minutes of the meeting: agreed.\r\n")));
}
