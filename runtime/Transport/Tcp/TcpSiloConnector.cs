using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Parity.Runtime.Hosting;
using Parity.Runtime.Membership;

namespace Parity.Runtime.Transport.Tcp;

/// <summary>
/// A silo's TCP attachment: a listener on <see cref="SiloOptions.Host"/>:<see cref="SiloOptions.SiloPort"/>
/// (port 0 binds a free one and gives the silo its real address before it joins) that serves calls from
/// silos and clients, and a <see cref="TcpMessageTransport"/> for its own outgoing calls. Stopping closes
/// every connection, so callers with calls in flight here fail at once with a retryable error.
/// </summary>
internal sealed class TcpSiloConnector(ILoggerFactory loggerFactory) : ISiloConnector
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("Parity.Transport.Tcp");
    private readonly ConcurrentDictionary<TcpConnection, byte> _inbound = new();
    private TcpMessageTransport? _outbound;
    private Socket? _listener;
    private Silo? _silo;

    /// <summary>This silo's outgoing calls (for diagnostics and tests).</summary>
    internal TcpMessageTransport? Outbound => _outbound;

    public void Send(SiloAddress target, Activation.Message message)
    {
        if (_outbound is { } outbound)
        {
            outbound.Send(target, message);
        }
        else
        {
            message.Fail(new SiloUnavailableException(target.ToString(), "this silo's transport is not started"));
        }
    }

    public Task StartAsync(Silo silo, CancellationToken cancellationToken)
    {
        _silo = silo;
        _outbound = new TcpMessageTransport(_logger, silo.TimeProvider);
        var host = silo.Options.Host;
        var address = IPAddress.TryParse(host, out var ip) ? ip : host == "localhost" ? IPAddress.Loopback : IPAddress.Any;
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, silo.Options.SiloPort));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        if (port != silo.Address.Port)
        {
            silo.UseAddress(silo.Address with { Port = port });
        }

        TcpLog.Listening(_logger, silo.Address.Endpoint);
        _ = AcceptLoopAsync(listener);
        return Task.CompletedTask;
    }

    public async Task StopAsync(Silo silo, string reason)
    {
        _listener?.Dispose();
        foreach (var connection in _inbound.Keys)
        {
            connection.Close(reason);
        }

        if (_outbound is { } outbound)
        {
            await outbound.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = TcpConnection.Inbound(socket, _logger, OnRequest, closed => _inbound.TryRemove(closed, out _));
            _inbound[connection] = 0;
            connection.Start();
        }
    }

    private void OnRequest(TcpConnection connection, WireEnvelope request)
    {
        var silo = _silo!;
        if (request.Kind == WireEnvelope.ViewQueryKind)
        {
            var view = silo.Placement.View;
            connection.SendFrame(WireCodec.EncodeFrame(new WireEnvelope
            {
                Kind = WireEnvelope.ViewKind,
                Id = request.Id,
                Silos = view.ActiveSilos.Select(static s => s.ToString()).ToArray(),
                ViewVersion = view.Version,
            }));
            return;
        }

        if (request.TargetSilo != silo.Address.ToString())
        {
            // The caller's view names an earlier (or later) silo on this endpoint: that silo is gone.
            Reply(connection, request.Id, Task.FromException<object?>(new SiloUnavailableException(request.TargetSilo ?? "(unknown)", "it is no longer running")), null);
            return;
        }

        Activation.Message message;
        try
        {
            message = WireCodec.ToMessage(request, silo.Registry);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or InvalidDataException or FormatException or NotSupportedException)
        {
            TcpLog.BadRequest(_logger, e, request.Grain ?? "(unknown)");
            Reply(connection, request.Id, Task.FromException<object?>(new ArgumentException($"The call could not be read: {e.Message}", e)), null);
            return;
        }

        silo.ReceiveRemote(message);
        message.Completion.Task.ContinueWith(static (task, state) =>
        {
            var (connection, id, method) = ((TcpConnection, long, Invocation.GrainMethod?))state!;
            Reply(connection, id, task, method);
        }, (connection, request.Id, message.Method), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Reply(TcpConnection connection, long id, Task<object?> completed, Invocation.GrainMethod? method)
        => connection.SendFrame(WireCodec.EncodeFrame(WireCodec.ToReply(id, completed, method)));
}
