using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Readiness.Core.Evidence;

namespace Readiness.Web.Infrastructure;

public sealed class UploadedFile(string fileName, FileStream content, string sha256) : IAsyncDisposable
{
    public string FileName { get; } = fileName;
    public FileStream Content { get; } = content;
    public string Sha256 { get; } = sha256;
    public long Length => Content.Length;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// A multipart form read section by section. Text fields are kept; each file goes to a temporary file as it arrives,
/// hashed on the way, and reading stops as soon as a file passes the size limit, so nothing larger is ever buffered.
/// The anti-forgery token is checked before the first file byte is kept.
/// </summary>
public sealed class StreamedUpload : IAsyncDisposable
{
    private const int MaxFieldLength = 16 * 1024;

    /// <summary>The evidence and import forms have a handful of text fields; more is not a person's form.</summary>
    private const int MaxFields = 20;

    public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<UploadedFile> Files { get; } = [];

    /// <summary>
    /// Why reading stopped early (a file too large, too many files), in words for the person; null when the whole form was read.
    /// </summary>
    public string? Problem { get; private set; }

    public string? Field(string name) => Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    public static async Task<StreamedUpload> ReadAsync(HttpContext context, IAntiforgery antiforgery, EvidenceOptions options)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = (options.MaxFileBytes * options.MaxFilesPerUpload) + (1024 * 1024);
        }

        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary) || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("An upload must be sent as multipart/form-data.");
        }

        var upload = new StreamedUpload();
        var verified = false;
        var reader = new MultipartReader(boundary, request.Body);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(context.RequestAborted)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (!disposition.IsFileDisposition())
            {
                // Refused at once, before the anti-forgery check, so text fields can hold at most 20 x 16 KB in memory.
                if (upload.Fields.Count >= MaxFields)
                {
                    throw new BadHttpRequestException("The form has too many fields.");
                }

                var value = await ReadFieldAsync(section, context.RequestAborted);
                if (BadInput.HasNul(value) || BadInput.HasNul(name))
                {
                    throw new BadHttpRequestException("A form field holds a character that cannot be stored.");
                }

                upload.Fields[name] = value;
                continue;
            }

            if (!verified)
            {
                await VerifyAntiforgeryAsync(context, antiforgery, upload);
                verified = true;
            }

            // Normalised to NFC, so a name typed on one system matches the same name typed on another.
            var declared = disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName;
            var fileName = (HeaderUtilities.RemoveQuotes(declared).Value ?? "").Normalize(NormalizationForm.FormC);
            var file = await ReadFileAsync(section, fileName, options.MaxFileBytes, context.RequestAborted);
            if (file is null)
            {
                upload.Problem = $"The file {fileName} must be smaller than {EvidenceInspector.Megabytes(options.MaxFileBytes)}";
                return upload;
            }

            if (fileName.Length == 0 && file.Length == 0)
            {
                await file.DisposeAsync();
                continue;
            }

            upload.Files.Add(file);
            if (upload.Files.Count > options.MaxFilesPerUpload)
            {
                upload.Problem = $"Upload {options.MaxFilesPerUpload} files or fewer at a time";
                return upload;
            }
        }

        if (!verified)
        {
            await VerifyAntiforgeryAsync(context, antiforgery, upload);
        }

        return upload;
    }

    private static async Task VerifyAntiforgeryAsync(HttpContext context, IAntiforgery antiforgery, StreamedUpload upload)
    {
        // The token arrives as the form's first field; handing it over as the header means the check never reads the body itself.
        var token =
            upload.Field("__RequestVerificationToken") ?? throw new BadHttpRequestException("The form's anti-forgery token is missing.");
        context.Request.Headers["RequestVerificationToken"] = token;
        try
        {
            await antiforgery.ValidateRequestAsync(context);
        }
        catch (AntiforgeryValidationException exception)
        {
            throw new BadHttpRequestException("The form's anti-forgery token is missing or wrong.", exception);
        }
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        var buffer = new char[MaxFieldLength + 1];
        using var reader = new StreamReader(section.Body, Encoding.UTF8);
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        if (read > MaxFieldLength)
        {
            throw new BadHttpRequestException("A form field was too long.");
        }

        return new string(buffer, 0, read);
    }

    private static async Task<UploadedFile?> ReadFileAsync(
        MultipartSection section,
        string fileName,
        long maxBytes,
        CancellationToken cancellationToken
    )
    {
        var path = Path.Combine(Path.GetTempPath(), $"readiness-upload-{Guid.NewGuid():N}");
        var stream = new FileStream(
            path,
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            81_920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous
        );
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81_920];
        long total = 0;
        int read;
        while ((read = await section.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                await stream.DisposeAsync();
                return null;
            }

            hash.AppendData(buffer, 0, read);
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        stream.Position = 0;
        return new UploadedFile(fileName, stream, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var file in Files)
        {
            await file.DisposeAsync();
        }
    }
}
