using System.Text;
using Readiness.Core.Evidence;
using Readiness.TestSupport;

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

    public static TheoryData<string, string, byte[], string> Hostile
    {
        get
        {
            var corpus = HostileFiles.Corpus;
            corpus.Add("over-long name", new string('a', 250) + ".pdf", SampleFiles.Pdf(), "200 characters or fewer");
            corpus.Add("oversized file", "big.pdf", [.. SampleFiles.Pdf(), .. new byte[1024 * 1024]], "must be smaller than 1 MB");
            corpus.Add("zip bomb named .docx", "minutes.docx", SampleFiles.ZipBomb(), "expands to more than 50 MB");
            return corpus;
        }
    }

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
        Assert.Contains(EvidenceInspector.AllowedTypes, refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> Good =>
        new()
        {
            { "report.pdf", SampleFiles.Pdf(), "application/pdf" },
            { "minutes.docx", SampleFiles.Docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
            { "tracker.xlsx", SampleFiles.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
            { "briefing.pptx", SampleFiles.Pptx(), "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
            { "photo.png", SampleFiles.Png(), "image/png" },
            { "photo.jpg", SampleFiles.Jpeg(4032, 3024), "image/jpeg" },
            { "notes.txt", SampleFiles.Text(), "text/plain; charset=utf-8" },
            { "tracker.csv", SampleFiles.Csv(), "text/csv; charset=utf-8" },
        };

    [Theory]
    [MemberData(nameof(Good))]
    public void Real_files_of_the_allowed_types_are_accepted_with_the_type_their_content_shows(
        string name,
        byte[] content,
        string contentType
    ) => Assert.Equal(contentType, Assert.IsType<Inspection.Allowed>(Inspect(name, content)).ContentType);

    [Fact]
    public void Plain_text_in_utf8_is_accepted() =>
        Assert.IsType<Inspection.Allowed>(Inspect("notes.txt", Encoding.UTF8.GetBytes("Minutes of the meeting: agreed.\r\n")));
}
