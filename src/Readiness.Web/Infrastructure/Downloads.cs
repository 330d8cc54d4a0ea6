using Microsoft.Net.Http.Headers;

namespace Readiness.Web.Infrastructure;

public static class Downloads
{
    /// <summary>The headers of a download whose bytes are then streamed: its type, never sniffed, saved under its name.</summary>
    public static void StartAttachment(this HttpResponse response, string contentType, string fileName)
    {
        response.ContentType = contentType;
        response.Headers.XContentTypeOptions = "nosniff";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }
}
