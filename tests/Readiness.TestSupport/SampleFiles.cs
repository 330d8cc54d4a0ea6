using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Readiness.TestSupport;

/// <summary>Real and hostile files made in memory for upload tests.</summary>
public static class SampleFiles
{
    /// <summary>A real one-page PDF; the text makes each one's bytes different.</summary>
    public static byte[] Pdf(string text = "Exercise report") => PdfWith(text, catalog: "", extra: []);

    /// <summary>A one-page PDF with more in its catalog and more objects, numbered from 5.</summary>
    public static byte[] PdfWith(string text, string catalog, params string[] extra)
    {
        string[] objects =
        [
            $"<< /Type /Catalog /Pages 2 0 R {catalog} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
            Stream($"% {text}\n0 0 m 100 100 l S"),
            .. extra,
        ];
        var pdf = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    public static string Stream(string content) => $"<< /Length {Encoding.Latin1.GetByteCount(content)} >>\nstream\n{content}\nendstream";

    /// <summary>A real 1 by 1 PNG, or one whose header claims the given size.</summary>
    public static byte[] Png(uint width = 1, uint height = 1)
    {
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write([0, 0x1D, 0x70, 0xB8]);
        }

        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        return
        [
            0x89,
            0x50,
            0x4E,
            0x47,
            0x0D,
            0x0A,
            0x1A,
            0x0A,
            .. Chunk("IHDR", header),
            .. Chunk("IDAT", pixels.ToArray()),
            .. Chunk("IEND", []),
        ];
    }

    /// <summary>A JPEG's structure: start, JFIF marker, a frame header for the given size, a scan, end.</summary>
    public static byte[] Jpeg(ushort width = 1, ushort height = 1) =>
        [
            0xFF,
            0xD8,
            0xFF,
            0xE0,
            0,
            16,
            (byte)'J',
            (byte)'F',
            (byte)'I',
            (byte)'F',
            0,
            1,
            1,
            0,
            0,
            1,
            0,
            1,
            0,
            0,
            0xFF,
            0xC0,
            0,
            11,
            8,
            (byte)(height >> 8),
            (byte)height,
            (byte)(width >> 8),
            (byte)width,
            1,
            1,
            0x11,
            0,
            0xFF,
            0xDA,
            0,
            8,
            1,
            1,
            0,
            0,
            0x3F,
            0,
            0x12,
            0x34,
            0xFF,
            0xD9,
        ];

    public static byte[] Csv() => Encoding.UTF8.GetBytes("milestone,done\nExercise,yes\n");

    public static byte[] Text() => Encoding.UTF8.GetBytes("Debrief notes from the exercise at Waterloo, 3 October 2026.\n");

    public static byte[] Docx(bool macros = false, params string[] extraEntries) =>
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

            foreach (var name in extraEntries)
            {
                Entry(zip, name, "extra");
            }
        });

    public static byte[] Xlsx()
    {
        using var buffer = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(buffer, new[] { new { Milestone = "Exercise", Done = "Yes" } });
        return buffer.ToArray();
    }

    public static byte[] Pptx() =>
        Zip(zip =>
        {
            Entry(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Entry(zip, "ppt/presentation.xml", "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>");
        });

    /// <summary>The header of an older binary Office file (OLE compound document).</summary>
    public static byte[] LegacyOffice() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

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

    private static byte[] Chunk(string type, byte[] data)
    {
        var typed = (byte[])[.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typed.CopyTo(chunk, 4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typed));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

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
