using Readiness.Core.Reports.Layout;

namespace Readiness.Tests.Reports;

public sealed class ChunkedOutputStreamTests
{
    [Fact]
    public void Bytes_written_across_chunks_in_writes_of_every_size_read_back_as_written()
    {
        var expected = new byte[(5 * 1024 * 1024 / 2) + 7];
        new Random(19).NextBytes(expected);
        using var stream = new ChunkedOutputStream();

        var at = 0;
        var size = 1;
        while (at < expected.Length)
        {
            var taken = Math.Min(size, expected.Length - at);
            if (taken == 1)
            {
                stream.WriteByte(expected[at]);
            }
            else
            {
                stream.Write(expected, at, taken);
            }

            at += taken;
            size = (size * 3) + 1;
        }

        Assert.Equal(expected.Length, stream.Position);
        Assert.Equal(expected, stream.ToArray());
        Assert.Empty(new ChunkedOutputStream().ToArray());
    }
}
