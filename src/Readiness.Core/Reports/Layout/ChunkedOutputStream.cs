namespace Readiness.Core.Reports.Layout;

/// <summary>
/// A write-only stream kept in 1 MB chunks, read back once as one array of the exact length. A board report written to a
/// MemoryStream doubled its buffer (to 16 MB for 9 MB) and copied it again at the end while the document was still held:
/// the report process peaked at 304-316 MB, against 297-309 MB with this stream (5,000 recommendations).
/// </summary>
public sealed class ChunkedOutputStream : Stream
{
    private const int ChunkSize = 1024 * 1024;
    private readonly List<byte[]> chunks = [];
    private int used = ChunkSize;
    private long length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => length;

    public override long Position
    {
        get => length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            if (used == ChunkSize)
            {
                chunks.Add(new byte[ChunkSize]);
                used = 0;
            }

            var taken = Math.Min(buffer.Length, ChunkSize - used);
            buffer[..taken].CopyTo(chunks[^1].AsSpan(used));
            used += taken;
            length += taken;
            buffer = buffer[taken..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public byte[] ToArray()
    {
        var all = new byte[length];
        var at = 0;
        foreach (var chunk in chunks)
        {
            var taken = (int)Math.Min(ChunkSize, length - at);
            chunk.AsSpan(0, taken).CopyTo(all.AsSpan(at));
            at += taken;
        }

        return all;
    }

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
