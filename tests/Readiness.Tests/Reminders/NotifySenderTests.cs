using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Readiness.Core.Reminders;

namespace Readiness.Tests.Reminders;

/// <summary>GOV.UK Notify cannot be reached from here, so its HTTP endpoint is the one thing faked.</summary>
public sealed class NotifySenderTests
{
    private sealed class Recording(HttpStatusCode status) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status) { Content = new StringContent("{\"errors\":[]}") };
        }
    }

    private const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    private const string Secret = "3d844edf-8d35-48ac-975b-e847b4f122b0";

    private static NotifyEmailSender Sender(Recording handler) =>
        new(
            new HttpClient(handler),
            Options.Create(
                new EmailOptions
                {
                    Provider = EmailProvider.Notify,
                    Notify = new NotifyOptions { ApiKey = $"readiness-{ServiceId}-{Secret}", TemplateId = "tmpl-1" },
                }
            ),
            TimeProvider.System
        );

    [Fact]
    public async Task Notify_gets_the_address_template_and_text_with_a_signed_token()
    {
        var handler = new Recording(HttpStatusCode.Created);

        var results = await Sender(handler)
            .SendAsync(
                [new EmailMessage("lead@agency.example", "Lead", "Subject line", "Body text", "<p>Body</p>")],
                CancellationToken.None
            );

        Assert.Equal([null], results);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("/v2/notifications/email", request.RequestUri!.AbsolutePath);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("lead@agency.example", json.RootElement.GetProperty("email_address").GetString());
        Assert.Equal("tmpl-1", json.RootElement.GetProperty("template_id").GetString());
        Assert.Equal("Body text", json.RootElement.GetProperty("personalisation").GetProperty("body").GetString());
        var token = request.Headers.Authorization!.Parameter!.Split('.');
        var payload = Encoding.UTF8.GetString(
            Convert.FromBase64String(token[1].Replace('-', '+').Replace('_', '/').PadRight((token[1].Length + 3) / 4 * 4, '='))
        );
        Assert.Contains($"\"iss\":\"{ServiceId}\"", payload, StringComparison.Ordinal);
        var signature = Convert
            .ToBase64String(
                System.Security.Cryptography.HMACSHA256.HashData(
                    Encoding.UTF8.GetBytes(Secret),
                    Encoding.UTF8.GetBytes($"{token[0]}.{token[1]}")
                )
            )
            .TrimEnd('=')
            .Replace('+', '-')
            .Replace('/', '_');
        Assert.Equal(signature, token[2]);
    }

    [Fact]
    public async Task A_refusal_from_notify_is_reported_as_a_failure()
    {
        var results = await Sender(new Recording(HttpStatusCode.BadRequest))
            .SendAsync([new EmailMessage("x@y.example", "X", "S", "T", "H")], CancellationToken.None);

        Assert.StartsWith("Notify answered 400", Assert.Single(results), StringComparison.Ordinal);
    }
}
