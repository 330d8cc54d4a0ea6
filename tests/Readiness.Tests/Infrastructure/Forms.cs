using System.Net;
using System.Text.RegularExpressions;

namespace Readiness.Tests.Infrastructure;

public static partial class Forms
{
    /// <summary>Gets the page that holds a form, then posts the fields with the page's anti-forgery token, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client,
        string formPage,
        string action,
        IDictionary<string, string> fields
    )
    {
        var page = await client.GetAsync(new Uri(formPage, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var values = new Dictionary<string, string>(fields);
        if (await TokenAsync(client, html) is { } token)
        {
            values["__RequestVerificationToken"] = token;
        }

        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>Adds an "Exercise report" evidence item holding the files through the evidence form, as the given client's user.</summary>
    public static Task<HttpResponseMessage> AddEvidenceAsync(
        this HttpClient client,
        Guid recommendationId,
        params (string Name, byte[] Content)[] files
    )
    {
        var form = $"/recommendations/{recommendationId}/evidence/new";
        return client.PostMultipartAsync(
            form,
            form,
            new Dictionary<string, string>
            {
                ["Title"] = "Exercise report",
                ["EvidenceDate.Day"] = "3",
                ["EvidenceDate.Month"] = "10",
                ["EvidenceDate.Year"] = "2026",
            },
            files
        );
    }

    /// <summary>
    /// Posts a multipart form with the anti-forgery token first, then the fields, then the files, as a browser sends the evidence form.
    /// </summary>
    public static async Task<HttpResponseMessage> PostMultipartAsync(
        this HttpClient client,
        string formPage,
        string action,
        IDictionary<string, string> fields,
        params (string Name, byte[] Content)[] files
    )
    {
        var page = await client.GetAsync(new Uri(formPage, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        using var content = new MultipartFormDataContent();
        if (await TokenAsync(client, html) is { } token)
        {
            content.Add(new StringContent(token), "__RequestVerificationToken");
        }

        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        // The row version the page was drawn from goes back with the form, as a browser sends its hidden field.
        if (!fields.ContainsKey("Version") && VersionPattern().Match(html) is { Success: true } version)
        {
            content.Add(new StringContent(version.Groups[1].Value), "Version");
        }

        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            file.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("form-data")
            {
                Name = "\"Files\"",
                FileName = $"\"{name}\"",
            };
            content.Add(file);
        }

        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>
    /// The form page's anti-forgery token. A page without a form carries none (the authorization tests post what the page
    /// does not offer that person), so the token then comes from the sign-out page, which every signed-in person has.
    /// </summary>
    private static async Task<string?> TokenAsync(HttpClient client, string formHtml)
    {
        var token = TokenPattern().Match(formHtml);
        if (!token.Success)
        {
            var signOut = await client.GetAsync(new Uri("/sign-out", UriKind.Relative));
            token = TokenPattern().Match(await signOut.Content.ReadAsStringAsync());
        }

        return token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("type=\"hidden\" name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionPattern();
}
