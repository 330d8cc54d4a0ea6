using System.IO.Compression;
using System.Text;

namespace Readiness.Tests.Evidence;

/// <summary>Real and hostile files made in memory for upload tests.</summary>
public static class SampleFiles
{
    public static byte[] Pdf(string text = "Exercise report") =>
        Encoding.ASCII.GetBytes($"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% {text}\n%%EOF\n");

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static byte[] Csv() => Encoding.UTF8.GetBytes("milestone,done\nExercise,yes\n");

    public static byte[] Docx(bool macros = false) =>
        Zip(zip =>
        {
            Entry(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Entry(
                zip,
                "word/document.xml",
                "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>"
            );
            if (macros)
            {
                Entry(zip, "word/vbaProject.bin", "macro");
            }
        });

    public static byte[] PlainZip() => Zip(zip => Entry(zip, "notes.txt", "not an office document"));

    /// <summary>A small file that expands to far more than the limit: 300 MB of zeros compress to about 300 KB.</summary>
    public static byte[] ZipBomb() =>
        Zip(zip =>
        {
            Entry(zip, "[Content_Types].xml", "<Types/>");
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize);
            using var stream = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++)
            {
                stream.Write(zeros);
            }
        });

    public static byte[] WindowsProgram() => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF];

    public static byte[] LinuxProgram() => [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0];

    public static byte[] Html() => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert('x')</script></body></html>");

    private static byte[] Zip(Action<ZipArchive> fill)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(zip);
        }

        return memory.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}
