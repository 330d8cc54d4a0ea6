using System.Buffers.Binary;

namespace Readiness.Core.Reports.Layout;

/// <summary>
/// A TrueType font read for what a report needs: the glyph for each character, advance widths for measuring, the
/// metrics a PDF font descriptor states, and a subset to embed that keeps the glyph numbering but only the outlines drawn.
/// </summary>
public sealed class TrueTypeFont
{
    private static readonly string[] SubsetTables = ["cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "prep"];

    private readonly byte[] data;
    private readonly Dictionary<string, (int Offset, int Length)> tables = new(StringComparer.Ordinal);
    private readonly ushort[] advances;
    private readonly ushort[] glyphs = new ushort[0x10000];
    private readonly int[] glyphOffsets;

    public TrueTypeFont(string postScriptName, byte[] data)
    {
        PostScriptName = postScriptName;
        this.data = data;
        var count = U16(4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (16 * i);
            tables[System.Text.Encoding.ASCII.GetString(data, record, 4)] = ((int)U32(record + 8), (int)U32(record + 12));
        }

        var head = Table("head");
        UnitsPerEm = U16(head + 18);
        BoundingBox = [Scaled(I16(head + 36)), Scaled(I16(head + 38)), Scaled(I16(head + 40)), Scaled(I16(head + 42))];
        var hhea = Table("hhea");
        Ascent = Scaled(I16(hhea + 4));
        Descent = Scaled(I16(hhea + 6));
        var glyphCount = U16(Table("maxp") + 4);
        advances = ReadAdvances(U16(hhea + 34), glyphCount);
        glyphOffsets = ReadGlyphOffsets(I16(head + 50), glyphCount);
        var os2 = tables.TryGetValue("OS/2", out var os2Table) ? os2Table.Offset : -1;
        CapHeight = os2 >= 0 && U16(os2) >= 2 ? Scaled(I16(os2 + 88)) : Ascent;
        IsBold = (U16(head + 44) & 1) == 1;
        ReadCharacterMap();
    }

    public string PostScriptName { get; }
    public int UnitsPerEm { get; }
    public bool IsBold { get; }

    /// <summary>In thousandths of the font size, as PDF states them.</summary>
    public int Ascent { get; }

    public int Descent { get; }
    public int CapHeight { get; }
    public int[] BoundingBox { get; }

    public ushort GlyphFor(int codePoint) => codePoint is >= 0 and < 0x10000 ? glyphs[codePoint] : (ushort)0;

    /// <summary>The glyph's advance in thousandths of the font size.</summary>
    public int Width(ushort glyph) => Scaled(Advance(glyph));

    /// <summary>The width of a line of text set at <paramref name="size"/> points, in points.</summary>
    public double Measure(string text, double size)
    {
        long units = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            units += Advance(GlyphFor(rune.Value));
        }

        return units * size / UnitsPerEm;
    }

    private ushort Advance(ushort glyph) => advances[Math.Min(glyph, advances.Length - 1)];

    /// <summary>
    /// The font with only <paramref name="used"/> glyphs' outlines (and the glyphs they are built from); every other glyph
    /// is kept as an empty one, so glyph numbers, and the PDF's identity mapping from them, stay as they are.
    /// </summary>
    public byte[] Subset(IEnumerable<ushort> used)
    {
        var keep = new HashSet<ushort>();
        var pending = new Stack<ushort>(used.Append((ushort)0));
        while (pending.TryPop(out var glyph))
        {
            if (glyph < advances.Length && keep.Add(glyph))
            {
                foreach (var component in Components(glyph))
                {
                    pending.Push(component);
                }
            }
        }

        var glyf = Table("glyf");
        var newGlyf = new List<byte>();
        var newLoca = new byte[(advances.Length + 1) * 4];
        for (var glyph = 0; glyph < advances.Length; glyph++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(glyph * 4), (uint)newGlyf.Count);
            if (keep.Contains((ushort)glyph))
            {
                newGlyf.AddRange(data.AsSpan(glyf + glyphOffsets[glyph], glyphOffsets[glyph + 1] - glyphOffsets[glyph]).ToArray());
                while (newGlyf.Count % 4 != 0)
                {
                    newGlyf.Add(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(advances.Length * 4), (uint)newGlyf.Count);
        var head = TableBytes("head");
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        var contents = SubsetTables
            .Where(tables.ContainsKey)
            .Select(tag =>
                (
                    Tag: tag,
                    Bytes: tag switch
                    {
                        "glyf" => newGlyf.ToArray(),
                        "loca" => newLoca,
                        "head" => head,
                        _ => TableBytes(tag),
                    }
                )
            )
            .ToList();
        return Assemble(contents);
    }

    private static byte[] Assemble(List<(string Tag, byte[] Bytes)> contents)
    {
        var directory = 12 + (16 * contents.Count);
        var size = directory + contents.Sum(c => (c.Bytes.Length + 3) & ~3);
        var font = new byte[size];
        var span = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)contents.Count);
        var power = 1 << (int)Math.Log2(contents.Count);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)Math.Log2(power));
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((contents.Count * 16) - (power * 16)));
        var offset = directory;
        var headOffset = 0;
        for (var i = 0; i < contents.Count; i++)
        {
            var (tag, bytes) = contents[i];
            var record = span[(12 + (16 * i))..];
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            bytes.CopyTo(span[offset..]);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(span.Slice(offset, (bytes.Length + 3) & ~3)));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)bytes.Length);
            headOffset = tag == "head" ? offset : headOffset;
            offset += (bytes.Length + 3) & ~3;
        }

        BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(span)));
        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> bytes)
    {
        uint sum = 0;
        for (var i = 0; i + 4 <= bytes.Length; i += 4)
        {
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(bytes[i..]));
        }

        return sum;
    }

    private IEnumerable<ushort> Components(ushort glyph)
    {
        var start = Table("glyf") + glyphOffsets[glyph];
        if (glyphOffsets[glyph + 1] == glyphOffsets[glyph] || I16(start) >= 0)
        {
            yield break;
        }

        var at = start + 10;
        int flags;
        do
        {
            flags = U16(at);
            yield return (ushort)U16(at + 2);
            at += 4 + ((flags & 0x1) != 0 ? 4 : 2);
            at +=
                (flags & 0x8) != 0 ? 2
                : (flags & 0x40) != 0 ? 4
                : (flags & 0x80) != 0 ? 8
                : 0;
        } while ((flags & 0x20) != 0);
    }

    private ushort[] ReadAdvances(int metrics, int glyphCount)
    {
        var hmtx = Table("hmtx");
        var result = new ushort[glyphCount];
        for (var glyph = 0; glyph < glyphCount; glyph++)
        {
            result[glyph] = (ushort)U16(hmtx + (4 * Math.Min(glyph, metrics - 1)));
        }

        return result;
    }

    private int[] ReadGlyphOffsets(int format, int glyphCount)
    {
        var loca = Table("loca");
        var result = new int[glyphCount + 1];
        for (var glyph = 0; glyph <= glyphCount; glyph++)
        {
            result[glyph] = format == 0 ? U16(loca + (2 * glyph)) * 2 : (int)U32(loca + (4 * glyph));
        }

        return result;
    }

    /// <summary>Reads the Windows Unicode (3, 1) character map, format 4: every character in the Basic Multilingual Plane.</summary>
    private void ReadCharacterMap()
    {
        var cmap = Table("cmap");
        var subtable = -1;
        for (var i = 0; i < U16(cmap + 2); i++)
        {
            var record = cmap + 4 + (8 * i);
            if (U16(record) == 3 && U16(record + 2) == 1)
            {
                subtable = cmap + (int)U32(record + 4);
            }
        }

        if (subtable < 0 || U16(subtable) != 4)
        {
            throw new InvalidDataException($"{PostScriptName} has no Unicode character map of format 4.");
        }

        var segments = U16(subtable + 6) / 2;
        var ends = subtable + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var rangeOffsets = deltas + (2 * segments);
        for (var s = 0; s < segments; s++)
        {
            int start = U16(starts + (2 * s)),
                end = U16(ends + (2 * s)),
                delta = U16(deltas + (2 * s)),
                rangeOffset = U16(rangeOffsets + (2 * s));
            for (var c = start; c <= end && c < 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0 ? c + delta : U16(rangeOffsets + (2 * s) + rangeOffset + (2 * (c - start)));
                if (rangeOffset != 0 && glyph != 0)
                {
                    glyph += delta;
                }

                glyphs[c] = (ushort)(glyph & 0xFFFF);
            }
        }
    }

    private int Scaled(int units) => (int)Math.Round(units * 1000.0 / UnitsPerEm);

    private int Table(string tag) =>
        tables.TryGetValue(tag, out var table) ? table.Offset : throw new InvalidDataException($"{PostScriptName} has no {tag} table.");

    private byte[] TableBytes(string tag) => data.AsSpan(tables[tag].Offset, tables[tag].Length).ToArray();

    private int U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));

    private int I16(int at) => BinaryPrimitives.ReadInt16BigEndian(data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
}
