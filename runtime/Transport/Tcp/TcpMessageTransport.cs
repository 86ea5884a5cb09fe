using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Parity.Runtime.Activation;
using Parity.Runtime.Membership;

namespace Parity.Runtime.Transport.Tcp;

/// <summary>
/// Outgoing calls over TCP: one connection per target silo, opened on first use and replaced after it fails.
/// A silo that refuses the connection or drops it fails the calls with <see cref="SiloUnavailableException"/>.
/// Once a second, calls past their deadline are forgotten, so unanswered calls do not accumulate.
/// </summary>
internal sealed class TcpMessageTransport : IMessageTransport, IAsyncDisposable
{
    private static readonly TimeSpan ExpiryPeriod = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<SiloAddress, TcpConnection> _connections = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _expiry;
    private volatile bool _disposed;

    public TcpMessageTransport(ILogger logger, TimeProvider? timeProvider = null)
    {
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _expiry = _timeProvider.CreateTimer(static s => ((TcpMessageTransport)s!).ExpireOverdue(), this, ExpiryPeriod, ExpiryPeriod);
    }

    /// <summary>Calls sent on this transport's connections and not yet answered or expired.</summary>
    public int PendingCalls => _connections.Values.Sum(static c => c.PendingCount);

    private void ExpireOverdue()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var connection in _connections.Values)
        {
            connection.ExpireOverdue(now);
        }
    }

    public void Send(SiloAddress target, Message message)
    {
        if (_disposed)
        {
            message.Fail(new SiloUnavailableException(target.ToString(), "this process's transport is stopped"));
            return;
        }

        GetConnection(target).SendCall(target, message);
    }

    /// <summary>Asks the silo at <paramref name="host"/>:<paramref name="port"/> for its view of the cluster.</summary>
    public async Task<MembershipView> QueryViewAsync(string host, int port, CancellationToken cancellationToken)
    {
        // A throwaway connection: the silo's generation (and so its key here) is what the answer tells us.
        var connection = TcpConnection.Outbound(host, port, $"{host}:{port}", _logger, null);
        connection.Start();
        try
        {
            var reply = await connection.RequestAsync(new WireEnvelope { Kind = WireEnvelope.ViewQueryKind }).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new MembershipView((reply.Silos ?? []).Select(SiloAddress.Parse).ToList(), reply.ViewVersion);
        }
        finally
        {
            connection.Close("view query done");
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        _expiry.Dispose();
        foreach (var connection in _connections.Values)
        {
            connection.Close("the transport stopped");
        }

        _connections.Clear();
        return ValueTask.CompletedTask;
    }

    private TcpConnection GetConnection(SiloAddress target)
    {
        while (true)
        {
            if (_connections.TryGetValue(target, out var existing))
            {
                if (!existing.IsClosed)
                {
                    return existing;
                }

                _connections.TryRemove(KeyValuePair.Create(target, existing));
                continue;
            }

            var created = TcpConnection.Outbound(target.Host, target.Port, target.ToString(), _logger,
                closed => _connections.TryRemove(KeyValuePair.Create(target, closed)));
            if (_connections.TryAdd(target, created))
            {
                created.Start();
                return created;
            }
        }
    }
}
