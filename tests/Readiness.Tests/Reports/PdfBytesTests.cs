using System.Globalization;
using System.Text;
using Readiness.Core.Reports.Layout;

namespace Readiness.Tests.Reports;

public sealed class PdfBytesTests
{
    [Theory]
    [InlineData(0, "0 ")]
    [InlineData(12, "12 ")]
    [InlineData(-3.5, "-3.5 ")]
    [InlineData(703.0025, "703.003 ")]
    [InlineData(0.1 + 0.2, "0.3 ")]
    [InlineData(-0.0004, "0 ")]
    [InlineData(841.89, "841.89 ")]
    [InlineData(1e9 + 0.0005, "1000000000.001 ")]
    public void A_number_is_written_with_up_to_three_decimals(double value, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(new PdfBytes().Number(value).Span));
    }

    [Fact]
    public void Numbers_are_written_as_the_dotnet_format_0_hash_hash_hash_writes_them_but_never_as_minus_zero()
    {
        var random = new Random(19);
        var written = new PdfBytes();
        for (var i = 0; i < 100_000; i++)
        {
            var value = Math.Round((random.NextDouble() - 0.5) * 2000, random.Next(0, 7));
            var formatted = value.ToString("0.###", CultureInfo.InvariantCulture);
            written.Clear();

            Assert.Equal((formatted == "-0" ? "0" : formatted) + " ", Encoding.ASCII.GetString(written.Number(value).Span));
        }
    }

    [Fact]
    public void A_glyph_is_four_hexadecimal_digits_and_a_text_string_is_utf16_with_its_byte_order_mark()
    {
        Assert.Equal("0000FFFF0A3C", Encoding.ASCII.GetString(new PdfBytes().Hex(0).Hex(0xFFFF).Hex(0x0A3C).Span));
        Assert.Equal("<FEFF00E90041>", Encoding.ASCII.GetString(new PdfBytes().TextString("éA").Span));
    }
}
