using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Readiness.Core.Evidence;
using Readiness.Web.Infrastructure;

namespace Readiness.Web.Features.Evidence;

/// <summary>Reading a streamed evidence form and checking its files, for every form that takes evidence.</summary>
public static class EvidenceUploads
{
    /// <summary>The streamed form, or null when the request is not a well-formed upload with a valid anti-forgery token.</summary>
    public static async Task<StreamedUpload?> ReadAsync(HttpContext context, IAntiforgery antiforgery, EvidenceOptions options)
    {
        try
        {
            return await StreamedUpload.ReadAsync(context, antiforgery, options);
        }
        catch (Exception exception) when (exception is BadHttpRequestException or InvalidDataException or IOException)
        {
            return null;
        }
    }

    /// <summary>The files the inspector allows; each refusal goes into the model state against "Files".</summary>
    public static List<CheckedFile> Check(EvidenceInspector inspector, StreamedUpload upload, ModelStateDictionary modelState)
    {
        var checkedFiles = new List<CheckedFile>();
        foreach (var file in upload.Files)
        {
            switch (inspector.Inspect(file.FileName, file.Content))
            {
                case Inspection.Allowed allowed:
                    checkedFiles.Add(new CheckedFile(file.FileName, file.Content, file.Sha256, allowed.ContentType));
                    break;
                case Inspection.Refused refused:
                    modelState.AddModelError("Files", refused.Message);
                    break;
            }
        }

        return checkedFiles;
    }
}
