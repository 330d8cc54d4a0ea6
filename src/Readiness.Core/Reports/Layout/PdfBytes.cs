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

    /// <summary>
    /// A number with up to three decimals and a space after it, as "0.###" formats it, written digit by digit: formatting
    /// was a ninth of the time to write a big report.
    /// </summary>
    public PdfBytes Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A PDF number is finite.");
        }

        // As a decimal the value keeps 15 significant digits, as "0.###" rounds it: 703.0025 is not 703.002499999.
        var thousandths = (long)Math.Round((decimal)value * 1000, MidpointRounding.AwayFromZero);
        Ensure(32);
        if (thousandths < 0)
        {
            buffer[Length++] = (byte)'-';
            thousandths = -thousandths;
        }

        var (whole, fraction) = Math.DivRem(thousandths, 1000);
        whole.TryFormat(buffer.AsSpan(Length), out var written, default, CultureInfo.InvariantCulture);
        Length += written;
        if (fraction != 0)
        {
            buffer[Length++] = (byte)'.';
            for (var unit = 100; fraction != 0; unit /= 10)
            {
                (var digit, fraction) = Math.DivRem(fraction, unit);
                buffer[Length++] = (byte)('0' + digit);
            }
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
        buffer[Length++] = HexDigits[value >> 12];
        buffer[Length++] = HexDigits[(value >> 8) & 0xF];
        buffer[Length++] = HexDigits[(value >> 4) & 0xF];
        buffer[Length++] = HexDigits[value & 0xF];
        return this;
    }

    private static ReadOnlySpan<byte> HexDigits => "0123456789ABCDEF"u8;

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
