using System.IO.Compression;
using System.Text;
using Readiness.Core.Imports;

namespace Readiness.Tests.Imports;

public sealed class XlsxRowsTests
{
    private static byte[] Workbook(int rows, int columns = 3)
    {
        var data = Enumerable
            .Range(1, rows)
            .Select(r => Enumerable.Range(1, columns).ToDictionary(c => $"Column{c}", c => (object)$"r{r}c{c}"))
            .ToList();
        using var buffer = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(buffer, data);
        return buffer.ToArray();
    }

    /// <summary>Rewrites the first sheet's XML, as a hostile author could.</summary>
    private static byte[] WithSheet(byte[] workbook, Func<string, string> change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(workbook);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open(), new UTF8Encoding(false));
            writer.Write(change(xml));
        }

        return buffer.ToArray();
    }

    private static (XlsxRows.Result Result, long Allocated) Read(byte[] workbook, int maxRows)
    {
        using var stream = new MemoryStream(workbook);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = XlsxRows.Read(stream, maxRows);
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Rows_come_from_the_cells_with_the_header_first()
    {
        var rows = Assert.IsType<XlsxRows.Result.Rows>(Read(Workbook(2), 10).Result).Values;

        Assert.Equal(
            [
                ["Column1", "Column2", "Column3"],
                ["r1c1", "r1c2", "r1c3"],
                ["r2c1", "r2c2", "r2c3"],
            ],
            rows
        );
    }

    [Fact]
    public void A_sheet_that_declares_the_largest_possible_dimension_is_read_from_its_cells_in_little_memory()
    {
        var hostile = WithSheet(
            Workbook(2),
            xml =>
                System.Text.RegularExpressions.Regex.Replace(
                    xml,
                    "<x:dimension ref=\"[^\"]*\"|<dimension ref=\"[^\"]*\"",
                    m => m.Value[..m.Value.IndexOf("ref=", StringComparison.Ordinal)] + "ref=\"A1:XFD1048576\""
                )
        );
        Assert.Contains("XFD1048576", Encoding.UTF8.GetString(Unzip(hostile)), StringComparison.Ordinal);

        var (result, allocated) = Read(hostile, 10);

        Assert.Equal(3, Assert.IsType<XlsxRows.Result.Rows>(result).Values.Count);
        Assert.True(allocated < 5 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Reading_stops_at_the_first_row_past_the_limit()
    {
        var large = Workbook(20_000);
        var (small, smallAllocated) = Read(Workbook(100), 200);
        var (result, allocated) = Read(large, 100);

        Assert.IsType<XlsxRows.Result.Rows>(small);
        Assert.IsType<XlsxRows.Result.TooMany>(result);
        Assert.True(allocated < smallAllocated * 4, $"stopping early allocated {allocated:N0} bytes; 100 rows took {smallAllocated:N0}");
    }

    [Fact]
    public void A_row_numbered_far_past_the_limit_is_too_many_without_filling_the_gap()
    {
        var hostile = WithSheet(Workbook(1), xml => xml.Replace("r=\"2\"", "r=\"1048576\"", StringComparison.Ordinal));

        Assert.IsType<XlsxRows.Result.TooMany>(Read(hostile, 5002).Result);
    }

    [Fact]
    public void Cells_past_the_last_column_kept_are_ignored()
    {
        var rows = Assert.IsType<XlsxRows.Result.Rows>(Read(Workbook(1, columns: XlsxRows.MaxColumns + 10), 10).Result).Values;

        Assert.All(rows, row => Assert.Equal(XlsxRows.MaxColumns, row.Length));
    }

    [Fact]
    public void A_damaged_workbook_is_unreadable() =>
        Assert.IsType<XlsxRows.Result.Unreadable>(Read(WithSheet(Workbook(1), xml => xml[..(xml.Length / 2)]), 10).Result);

    private static byte[] Unzip(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook));
        using var sheet = new MemoryStream();
        zip.GetEntry("xl/worksheets/sheet1.xml")!.Open().CopyTo(sheet);
        return sheet.ToArray();
    }
}
