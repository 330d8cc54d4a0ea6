using System.Net;
using System.Net.Sockets;

namespace Readiness.Tests.Infrastructure;

/// <summary>
/// A TCP forwarder between the app and PostgreSQL that a test can cut and restore, to stage an outage without stopping
/// the server other tests share. Cutting closes every open connection and refuses new ones.
/// </summary>
public sealed class TcpLink : IAsyncDisposable
{
    private readonly string _host;
    private readonly int _port;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private volatile bool _up = true;
    private readonly Task _accepting;

    public TcpLink(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public void Cut()
    {
        _up = false;
        lock (_open)
        {
            _open.ForEach(c => c.Dispose());
            _open.Clear();
        }
    }

    public void Restore() => _up = true;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient incoming;
            try
            {
                incoming = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!_up)
            {
                incoming.Dispose();
                continue;
            }

            var outgoing = new TcpClient();
            await outgoing.ConnectAsync(_host, _port);
            lock (_open)
            {
                _open.Add(incoming);
                _open.Add(outgoing);
            }

            _ = PumpAsync(incoming, outgoing);
            _ = PumpAsync(outgoing, incoming);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // the link was cut or the test ended
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
