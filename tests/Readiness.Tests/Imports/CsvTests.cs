using System.Text;
using Readiness.Core.Exports;

namespace Readiness.Tests.Imports;

public sealed class CsvTests
{
    [Fact]
    public void Quoted_commas_quotes_and_line_breaks_are_read_and_a_byte_order_mark_is_skipped()
    {
        var content = Encoding
            .UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("Reference,Text\r\n1,\"Share, in time\"\r\n2,\"She said \"\"now\"\"\nthen\"\r\n\r\n3,plain"))
            .ToArray();

        var records = Csv.Read(content, int.MaxValue)!;

        Assert.Equal(["Reference", "Text"], records[0]);
        Assert.Equal(["1", "Share, in time"], records[1]);
        Assert.Equal(["2", "She said \"now\"\nthen"], records[2]);
        Assert.Equal(4, records.FindIndex(r => r[0] == "3"));
    }

    [Fact]
    public void Text_that_is_not_utf8_is_not_read()
    {
        var windows1252 = new byte[] { 0x52, 0x65, 0x66, 0x0D, 0x0A, 0x43, 0x61, 0x66, 0xE9 };

        Assert.Null(Csv.Read(windows1252, int.MaxValue));
    }

    [Fact]
    public async Task Written_cells_that_would_start_a_formula_are_escaped()
    {
        await using var text = new StringWriter();
        await using (var csv = Csv.Writer(text))
        {
            await csv.WriteRowAsync(["=SUM(A1)", "+1", "plain", "a,b"]);
        }

        Assert.Equal("\"'=SUM(A1)\",\"'+1\",plain,\"a,b\"\r\n", text.ToString());
    }
}
