using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Parity.Runtime.Activation;
using Parity.Runtime.Membership;

namespace Parity.Runtime.Transport.Tcp;

/// <summary>
/// One multiplexed TCP connection: length-prefixed JSON frames, any number of requests in flight, each
/// reply matched by its id. Writes from many callers go through one channel that a single loop drains,
/// flushing once per batch. When the connection fails or closes, every request still in flight fails at
/// once with <see cref="SiloUnavailableException"/>, so callers never wait for a timeout on a dead peer.
/// </summary>
internal sealed class TcpConnection
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly Channel<byte[]> _outbox = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, object> _pending = new();
    private readonly string _peer;
    private readonly ILogger _logger;
    private readonly Action<TcpConnection, WireEnvelope>? _onRequest;
    private readonly Action<TcpConnection>? _onClosed;
    private readonly (string Host, int Port)? _connectTo;
    private Socket? _socket;
    private long _nextId;
    private int _closed;
    private string _closeReason = "the connection closed";

    private TcpConnection(Socket? socket, (string, int)? connectTo, string peer, ILogger logger,
        Action<TcpConnection, WireEnvelope>? onRequest, Action<TcpConnection>? onClosed)
    {
        _socket = socket;
        _connectTo = connectTo;
        _peer = peer;
        _logger = logger;
        _onRequest = onRequest;
        _onClosed = onClosed;
    }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Calls and requests sent and not yet answered.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>A connection this process opens to <paramref name="host"/>:<paramref name="port"/>; connects in the background.</summary>
    public static TcpConnection Outbound(string host, int port, string peer, ILogger logger, Action<TcpConnection>? onClosed)
        => new(null, (host, port), peer, logger, null, onClosed);

    /// <summary>A connection a listener accepted; requests on it go to <paramref name="onRequest"/>.</summary>
    public static TcpConnection Inbound(Socket socket, ILogger logger, Action<TcpConnection, WireEnvelope> onRequest, Action<TcpConnection> onClosed)
        => new(socket, null, socket.RemoteEndPoint?.ToString() ?? "(client)", logger, onRequest, onClosed);

    public void Start() => _ = RunAsync();

    /// <summary>Sends a call; its reply completes <paramref name="message"/>.</summary>
    public void SendCall(SiloAddress target, Message message)
    {
        var id = Interlocked.Increment(ref _nextId);
        byte[] frame;
        try
        {
            frame = WireCodec.EncodeFrame(WireCodec.ToCall(id, target, message));
        }
        catch (Exception e) when (e is NotSupportedException or System.Text.Json.JsonException or InvalidOperationException)
        {
            message.Fail(new ArgumentException($"The arguments of {message.MethodName} cannot be serialized: {e.Message}", e));
            return;
        }

        _pending[id] = message;
        Enqueue(id, frame);
    }

    /// <summary>Sends a request that is not a grain call (a view query) and returns its reply.</summary>
    public Task<WireEnvelope> RequestAsync(WireEnvelope request)
    {
        var completion = new TaskCompletionSource<WireEnvelope>(TaskCreationOptions.RunContinuationsAsynchronously);
        request.Id = Interlocked.Increment(ref _nextId);
        _pending[request.Id] = completion;
        Enqueue(request.Id, WireCodec.EncodeFrame(request));
        return completion.Task;
    }

    /// <summary>Sends a frame that expects no reply (a reply itself). Dropped when the connection is gone:
    /// the requester's pending call fails with the connection.</summary>
    public void SendFrame(byte[] frame) => _outbox.Writer.TryWrite(frame);

    public void Close(string reason, Exception? error = null)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _closeReason = reason;
        _outbox.Writer.TryComplete();
        _socket?.Dispose();
        TcpLog.ConnectionClosed(_logger, _peer, reason);
        FailPending(error);
        _onClosed?.Invoke(this);
    }

    private void Enqueue(long id, byte[] frame)
    {
        // Checked after registering: Close sweeps pending after marking closed, so one of the two fails the request.
        if (!_outbox.Writer.TryWrite(frame) || IsClosed)
        {
            FailOne(id, null);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            if (_connectTo is { } endpoint)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                _socket = socket;
                using var timeout = new CancellationTokenSource(ConnectTimeout);
                await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
            }
            else
            {
                _socket!.NoDelay = true;
            }

            await using var stream = new NetworkStream(_socket!, ownsSocket: true);
            var reading = ReadLoopAsync(stream);
            var writing = WriteLoopAsync(stream);
            var first = await Task.WhenAny(reading, writing).ConfigureAwait(false);
            await first.ConfigureAwait(false);
            Close(first == reading ? "the peer closed the connection" : "the connection closed");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException
            or System.Text.Json.JsonException or InvalidDataException)
        {
            Close(e is SocketException { SocketErrorCode: SocketError.ConnectionRefused } ? "connection refused" : e.Message, e);
        }
    }

    private async Task WriteLoopAsync(NetworkStream stream)
    {
        var reader = _outbox.Reader;
        var batch = new ArrayBufferWriter<byte>(64 * 1024);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Drain what is queued into one buffer and write it at once: one syscall for a burst of calls.
            while (batch.WrittenCount < 256 * 1024 && reader.TryRead(out var frame))
            {
                batch.Write(frame);
            }

            await stream.WriteAsync(batch.WrittenMemory).ConfigureAwait(false);
            batch.ResetWrittenCount();
        }
    }

    private async Task ReadLoopAsync(NetworkStream stream)
    {
        var header = new byte[4];
        while (true)
        {
            if (!await ReadExactlyOrEndAsync(stream, header).ConfigureAwait(false))
            {
                return;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            if (length is <= 0 or > WireCodec.MaxFrameLength)
            {
                throw new InvalidDataException($"A frame of {length} bytes from {_peer} is not valid.");
            }

            var buffer = ArrayPool<byte>.Shared.Rent(length);
            WireEnvelope envelope;
            try
            {
                await stream.ReadExactlyAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
                envelope = WireCodec.DecodeFrame(buffer.AsSpan(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            Dispatch(envelope);
        }
    }

    private void Dispatch(WireEnvelope envelope)
    {
        if (envelope.Kind is WireEnvelope.ReplyKind or WireEnvelope.ViewKind)
        {
            if (_pending.TryRemove(envelope.Id, out var pending))
            {
                switch (pending)
                {
                    case Message message:
                        WireCodec.Complete(message, envelope);
                        break;
                    case TaskCompletionSource<WireEnvelope> completion:
                        completion.TrySetResult(envelope);
                        break;
                }
            }

            return;
        }

        if (_onRequest is null)
        {
            throw new InvalidDataException($"{_peer} sent a '{envelope.Kind}' on a connection that serves no requests.");
        }

        _onRequest(this, envelope);
    }

    private static async Task<bool> ReadExactlyOrEndAsync(NetworkStream stream, byte[] buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read)).ConfigureAwait(false);
            if (n == 0)
            {
                return read == 0 ? false : throw new EndOfStreamException($"The connection ended inside a frame header.");
            }

            read += n;
        }

        return true;
    }

    /// <summary>
    /// Forgets calls whose deadline has passed: their callers have given up, and a peer that never answers
    /// (a hung grain) must not leave their registrations here for the life of the connection. A late reply
    /// finds nothing and is dropped.
    /// </summary>
    public void ExpireOverdue(DateTimeOffset now)
    {
        foreach (var (id, pending) in _pending)
        {
            if (pending is Message { Deadline: { } deadline } message && deadline < now && _pending.TryRemove(id, out _))
            {
                message.Fail(new GrainCallTimeoutException(message.Target, message.MethodName, TimeSpan.Zero));

                // Usually nobody awaits it any more (the caller timed out at the deadline): mark it observed.
                _ = message.Completion.Task.Exception;
            }
        }
    }

    private void FailPending(Exception? error)
    {
        foreach (var id in _pending.Keys)
        {
            FailOne(id, error);
        }
    }

    private void FailOne(long id, Exception? error)
    {
        if (!_pending.TryRemove(id, out var pending))
        {
            return;
        }

        var unavailable = new SiloUnavailableException(_peer, _closeReason, error);
        switch (pending)
        {
            case Message message:
                message.Fail(unavailable);
                break;
            case TaskCompletionSource<WireEnvelope> completion:
                completion.TrySetException(unavailable);
                break;
        }
    }
}
