using System.Net;
using System.Text.RegularExpressions;

namespace Readiness.Tests.Infrastructure;

public static partial class Forms
{
    /// <summary>Gets the page that holds a form, then posts the fields with the page's anti-forgery token, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, IDictionary<string, string> fields)
    {
        var page = await client.GetAsync(new Uri(formPage, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        var values = new Dictionary<string, string>(fields);
        if (token.Success)
        {
            values["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
