using System.Net;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Readiness.Core.Reminders;

public sealed record EmailMessage(string To, string ToName, string Subject, string Text, string Html);

/// <summary>
/// Sends a batch of emails, telling <c>record</c> each one's result as soon as it is known (null when accepted, or the
/// error that stopped it), so a failure part-way loses nothing already sent. A stopping instance stops between emails;
/// those never recorded were not attempted.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(IReadOnlyList<EmailMessage> messages, Action<int, string?> record, CancellationToken cancellationToken);
}

/// <summary>SMTP through MailKit: one connection for the whole batch.</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(IReadOnlyList<EmailMessage> messages, Action<int, string?> record, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient();
        try
        {
            var security = settings.Smtp.Security switch
            {
                "Tls" => SecureSocketOptions.SslOnConnect,
                "StartTls" => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(settings.Smtp.Host, settings.Smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(settings.Smtp.Username))
            {
                await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", cancellationToken);
            }
        }
        catch (Exception exception)
            when (exception
                    is IOException
                        or System.Net.Sockets.SocketException
                        or SmtpProtocolException
                        or AuthenticationException
                        or SslHandshakeException
            )
        {
            for (var i = 0; i < messages.Count; i++)
            {
                record(i, $"Could not connect to the SMTP server {settings.Smtp.Host}:{settings.Smtp.Port}: {exception.Message}");
            }

            return;
        }

        for (var i = 0; i < messages.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            try
            {
                await client.SendAsync(ToMime(settings, messages[i]), CancellationToken.None);
                record(i, null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Anything about this one email (a malformed address, a refusal) fails it alone.
                record(i, $"SMTP refused the email: {exception.Message}");
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
    }

    private static MimeMessage ToMime(EmailOptions settings, EmailMessage message)
    {
        var mime = new MimeMessage { Subject = message.Subject };
        mime.From.Add(new MailboxAddress(settings.FromName, settings.From));
        mime.To.Add(new MailboxAddress(message.ToName, message.To));
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }
}

/// <summary>
/// GOV.UK Notify's email API, selected with Email:Provider=Notify. Notify renders its own template, so the subject and
/// the plain-text body are passed as personalisation.
/// </summary>
public sealed class NotifyEmailSender(HttpClient http, IOptions<EmailOptions> options, TimeProvider clock) : IEmailSender
{
    public async Task SendAsync(IReadOnlyList<EmailMessage> messages, Action<int, string?> record, CancellationToken cancellationToken)
    {
        var settings = options.Value.Notify;
        for (var i = 0; i < messages.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            var message = messages[i];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.BaseUrl), "/v2/notifications/email"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer",
                NotifyToken.Create(settings.ApiKey ?? "", clock.GetUtcNow())
            );
            request.Content = System.Net.Http.Json.JsonContent.Create(
                new
                {
                    email_address = message.To,
                    template_id = settings.TemplateId,
                    personalisation = new { subject = message.Subject, body = message.Text },
                }
            );
            try
            {
                using var response = await http.SendAsync(request, CancellationToken.None);
                record(
                    i,
                    response.IsSuccessStatusCode
                        ? null
                        : $"Notify answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}"
                );
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException)
            {
                // A timeout is a TaskCanceledException too: this one email failed, the others still go.
                record(i, $"Could not reach Notify: {exception.Message}");
            }
        }
    }
}

/// <summary>Notify's bearer token: a JWT signed with the API key's secret (HS256), naming the service as issuer.</summary>
public static class NotifyToken
{
    public static string Create(string apiKey, DateTimeOffset now)
    {
        // A Notify key is "{name}-{service id (36)}-{secret (36)}".
        if (apiKey.Length < 74)
        {
            throw new InvalidOperationException("Email:Notify:ApiKey is not a GOV.UK Notify API key.");
        }

        var secret = apiKey[^36..];
        var serviceId = apiKey[^73..^37];
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Encode(Encoding.UTF8.GetBytes("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"));
        var payload = Encode(Encoding.UTF8.GetBytes($"{{\"iss\":\"{serviceId}\",\"iat\":{now.ToUnixTimeSeconds()}}}"));
        var signature = Encode(
            System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{header}.{payload}"))
        );
        return $"{header}.{payload}.{signature}";
    }
}

/// <summary>Reminder emails in plain text and HTML, every item with a link straight to it.</summary>
public static class ReminderEmail
{
    /// <summary>
    /// An email for one or more reminders. Reminders never hold OFFICIAL-SENSITIVE wording (the planner names such items by
    /// reference), so the subject begins with the service's own marking.
    /// </summary>
    public static EmailMessage Compose(string baseUrl, string marking, IReadOnlyList<Notification> items)
    {
        var first = items[0];
        var subject =
            items.Count == 1 ? $"{marking}: Readiness: {first.Subject}" : $"{marking}: Readiness: {items.Count} items need your attention";
        var text = new StringBuilder($"Dear {first.RecipientName},\n\n");
        var html = new StringBuilder($"<p>Dear {WebUtility.HtmlEncode(first.RecipientName)},</p>\n<ul>\n");
        text.Append(items.Count == 1 ? "This needs your attention:\n\n" : "These need your attention:\n\n");
        foreach (var item in items)
        {
            var link = baseUrl.TrimEnd('/') + item.Link;
            text.Append($"- {item.Line}\n  {link}\n");
            html.Append(HtmlItem(item, link));
        }

        text.Append($"\n{Footer}\n");
        html.Append($"</ul>\n<p>{Footer}</p>\n");
        return new EmailMessage(first.Email, first.RecipientName, subject, text.ToString(), html.ToString());
    }

    private static readonly string[] Sections = ["Overdue", "Due soon", "Waiting for you"];

    private const string Footer =
        "You receive these because you own this work in Readiness. Choose immediate emails, a daily digest or a weekly digest in "
        + "your account settings.";

    /// <summary>
    /// A daily or weekly digest: what is overdue, what is due soon and what waits for the reader, each grouped by recommendation;
    /// then what others changed on their agency's recommendations since the last digest; then the monthly update page.
    /// </summary>
    public static EmailMessage Digest(
        string baseUrl,
        string marking,
        string period,
        IReadOnlyList<Notification> items,
        IReadOnlyList<DigestChange> changes
    )
    {
        var first = items[0];
        var root = baseUrl.TrimEnd('/');
        var text = new StringBuilder($"Dear {first.RecipientName},\n\nYour Readiness digest.\n");
        var html = new StringBuilder($"<p>Dear {WebUtility.HtmlEncode(first.RecipientName)},</p>\n<p>Your Readiness digest.</p>\n");
        foreach (var section in Sections)
        {
            var inSection = items.Where(i => Section(i.Kind) == section).ToList();
            if (inSection.Count == 0)
            {
                continue;
            }

            text.Append($"\n{section.ToUpperInvariant()} ({inSection.Count})\n");
            html.Append($"<h2>{section} ({inSection.Count})</h2>\n");
            foreach (var recommendation in inSection.GroupBy(i => i.Reference ?? "Other").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                text.Append($"\n{recommendation.Key}\n");
                html.Append($"<h3>{WebUtility.HtmlEncode(recommendation.Key)}</h3>\n<ul>\n");
                foreach (var item in recommendation)
                {
                    var link = root + item.Link;
                    text.Append($"- {item.Line}\n  {link}\n");
                    html.Append(HtmlItem(item, link));
                }

                html.Append("</ul>\n");
            }
        }

        if (changes.Count > 0)
        {
            text.Append("\nCHANGED SINCE YOUR LAST DIGEST\n");
            html.Append("<h2>Changed since your last digest</h2>\n<ul>\n");
            foreach (var change in changes)
            {
                var what = string.Join(", ", change.Changes.Select(c => c.Count == 1 ? $"1 {c.What}" : $"{c.Count} {c.What}s"));
                var link = root + Links.Recommendation(change.RecommendationId);
                text.Append($"- {change.Reference}: {what}\n  {link}\n");
                html.Append(
                    $"<li>{WebUtility.HtmlEncode(change.Reference)}: {WebUtility.HtmlEncode(what)} "
                        + $"<a href=\"{WebUtility.HtmlEncode(link)}\">See what changed</a></li>\n"
                );
            }

            html.Append("</ul>\n");
        }

        var monthly = root + Links.MonthlyUpdate;
        text.Append($"\nPost this month's updates for all your recommendations on one page:\n{monthly}\n\n{Footer}\n");
        html.Append(
            $"<p><a href=\"{WebUtility.HtmlEncode(monthly)}\">Post this month's updates for all your recommendations on one page</a></p>\n"
                + $"<p>{Footer}</p>\n"
        );
        var subject = $"{marking}: Readiness: your {period} digest: {items.Count} item{(items.Count == 1 ? "" : "s")} need your attention";
        return new EmailMessage(first.Email, first.RecipientName, subject, text.ToString(), html.ToString());
    }

    private static string HtmlItem(Notification item, string link) =>
        $"<li>{WebUtility.HtmlEncode(item.Line)} <a href=\"{WebUtility.HtmlEncode(link)}\">{ActionText(item.Kind)}</a></li>\n";

    private static string Section(string kind) =>
        kind switch
        {
            "milestone-overdue" or "response-overdue" or "validation-overdue" => "Overdue",
            "milestone-due-soon" or "update-due" or "validation-due-soon" => "Due soon",
            _ => "Waiting for you",
        };

    /// <summary>Each link opens the form that does the job, so the words say what the job is.</summary>
    private static string ActionText(string kind) =>
        kind switch
        {
            _ when kind.StartsWith("milestone-", StringComparison.Ordinal) => "Complete it",
            "update-due" => "Post the update",
            "evidence-sent-back" => "Upload a new version",
            "response-overdue" => "Record the response",
            "evidence-expired" => "Add new evidence",
            "validation-due-soon" or "validation-overdue" => "Open the recommendation",
            _ => "Open it in Readiness",
        };
}
