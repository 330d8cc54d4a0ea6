using System.Text;

namespace Readiness.Core.Evidence.Checks;

/// <summary>Plain text and CSV must be UTF-8 with no NUL or other control characters, read in pieces whatever the size.</summary>
internal static class TextCheck
{
    public static string? Problem(string name, Stream content)
    {
        using var reader = new StreamReader(
            content,
            new UTF8Encoding(false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true,
            bufferSize: 16_384,
            leaveOpen: true
        );
        var buffer = new char[16_384];
        try
        {
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (buffer.AsSpan(0, read).ContainsAny(Control))
                {
                    return $"The file {name} is not plain text. Upload a {EvidenceInspector.AllowedTypes}";
                }
            }

            return null;
        }
        catch (DecoderFallbackException)
        {
            return $"The file {name} is not plain text in UTF-8. Upload a {EvidenceInspector.AllowedTypes}";
        }
    }

    private static readonly System.Buffers.SearchValues<char> Control = System.Buffers.SearchValues.Create([
        .. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f')),
    ]);
}
