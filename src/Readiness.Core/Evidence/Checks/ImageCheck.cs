using System.Buffers.Binary;

namespace Readiness.Core.Evidence.Checks;

/// <summary>
/// Reads an image's header as a decoder would, without decoding pixels: a PNG's chunks from IHDR to IEND, a JPEG's
/// markers up to its frame header. The dimensions must be real and small enough to open safely.
/// </summary>
internal static class ImageCheck
{
    public const int MaxSide = 30_000;
    public const long MaxPixels = 150_000_000;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string? Png(string name, Stream content)
    {
        var reader = new BinaryReader(content);
        content.Position = PngSignature.Length;
        var sawHeader = false;
        var sawData = false;
        while (content.Length - content.Position >= 12)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(reader.ReadBytes(4));
            var type = System.Text.Encoding.ASCII.GetString(reader.ReadBytes(4));
            if (length > content.Length - content.Position - 4 || !type.All(char.IsAsciiLetter) || sawHeader == (type == "IHDR"))
            {
                return Damaged(name, "PNG image");
            }

            if (type == "IHDR")
            {
                var header = length == 13 ? reader.ReadBytes(13) : [];
                var valid = header.Length == 13 && header[8] is 1 or 2 or 4 or 8 or 16 && header[9] is 0 or 2 or 3 or 4 or 6;
                var problem = valid
                    ? Size(name, BinaryPrimitives.ReadUInt32BigEndian(header), BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)))
                    : Damaged(name, "PNG image");
                if (problem is not null)
                {
                    return problem;
                }

                sawHeader = true;
                content.Position += 4;
                continue;
            }

            if (type == "IEND")
            {
                return sawData ? null : Damaged(name, "PNG image");
            }

            sawData |= type == "IDAT";
            content.Position += length + 4;
        }

        return Damaged(name, "PNG image");
    }

    public static string? Jpeg(string name, Stream content)
    {
        var reader = new BinaryReader(content);
        content.Position = 2;
        while (content.Length - content.Position >= 4)
        {
            if (reader.ReadByte() != 0xFF)
            {
                return Damaged(name, "JPEG image");
            }

            var marker = reader.ReadByte();
            while (marker == 0xFF && content.Position < content.Length)
            {
                marker = reader.ReadByte();
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker is 0xD9 or 0xDA || content.Length - content.Position < 2)
            {
                return Damaged(name, "JPEG image");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(reader.ReadBytes(2));
            if (length < 2 || length - 2 > content.Length - content.Position)
            {
                return Damaged(name, "JPEG image");
            }

            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                var frame = reader.ReadBytes(length - 2);
                return frame.Length < 5
                    ? Damaged(name, "JPEG image")
                    : Size(
                        name,
                        BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(3)),
                        BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(1))
                    );
            }

            content.Position += length - 2;
        }

        return Damaged(name, "JPEG image");
    }

    private static string? Size(string name, long width, long height) =>
        width is 0 || height is 0 ? Damaged(name, "image")
        : width > MaxSide || height > MaxSide || width * height > MaxPixels
            ? $"The image {name} is {width:N0} by {height:N0} pixels; images must be at most {MaxSide:N0} pixels on each side "
                + $"and {MaxPixels / 1_000_000:N0} million pixels in all"
        : null;

    private static string Damaged(string name, string kind) => $"The file {name} is damaged or is not a real {kind}";
}
