using System.Collections.Concurrent;
using System.Net;
using Readiness.TestSupport;

namespace Readiness.Tests.Webhooks;

/// <summary>Another system's webhook endpoint on 127.0.0.1: records each request, answers with the next status queued or 200.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{PostgresServer.FreePort()}/readiness-events/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<int> Answers { get; } = new();

    public ConcurrentQueue<Received> Requests { get; } = new();

    public sealed record Received(string EventId, string EventType, string Signature, string Body, int AnsweredWith);

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            var status = Answers.TryDequeue(out var next) ? next : 200;
            Requests.Enqueue(
                new Received(
                    context.Request.Headers["Readiness-Event-Id"] ?? "",
                    context.Request.Headers["Readiness-Event-Type"] ?? "",
                    context.Request.Headers["Readiness-Signature"] ?? "",
                    body,
                    status
                )
            );
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
