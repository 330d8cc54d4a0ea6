using System.Globalization;

namespace Readiness.Core.Reports.Layout;

/// <summary>A growing buffer of PDF syntax: ASCII text, numbers, names and strings written straight as bytes.</summary>
public sealed class PdfBytes
{
    private byte[] buffer = new byte[64 * 1024];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public PdfBytes Add(string ascii)
    {
        Ensure(ascii.Length);
        foreach (var c in ascii)
        {
            buffer[Length++] = (byte)c;
        }

        return this;
    }

    public PdfBytes Add(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(Length));
        Length += bytes.Length;
        return this;
    }

    /// <summary>A number with up to three decimals and a space after it.</summary>
    public PdfBytes Number(double value)
    {
        Ensure(32);
        Span<char> chars = stackalloc char[32];
        value.TryFormat(chars, out var written, "0.###", CultureInfo.InvariantCulture);
        foreach (var c in chars[..written])
        {
            buffer[Length++] = (byte)c;
        }

        buffer[Length++] = (byte)' ';
        return this;
    }

    public PdfBytes Number(long value)
    {
        Ensure(24);
        value.TryFormat(buffer.AsSpan(Length), out var written, default, CultureInfo.InvariantCulture);
        Length += written;
        buffer[Length++] = (byte)' ';
        return this;
    }

    /// <summary>A reference to an indirect object: "12 0 R ".</summary>
    public PdfBytes Reference(int id) => Number(id).Add("0 R ");

    /// <summary>Four hexadecimal digits: a glyph in a string of two-byte codes.</summary>
    public PdfBytes Hex(ushort value)
    {
        Ensure(4);
        value.TryFormat(buffer.AsSpan(Length), out _, "X4", CultureInfo.InvariantCulture);
        Length += 4;
        return this;
    }

    /// <summary>A text string in UTF-16 with its byte order mark, as hexadecimal: any character, nothing to escape.</summary>
    public PdfBytes TextString(string text)
    {
        Add("<FEFF");
        foreach (var c in text)
        {
            Hex(c);
        }

        return Add(">");
    }

    private void Ensure(int more)
    {
        if (Length + more > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, Length + more));
        }
    }
}
