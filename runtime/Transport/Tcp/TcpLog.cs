using Microsoft.Extensions.Logging;

namespace Parity.Runtime.Transport.Tcp;

internal static partial class TcpLog
{
    [LoggerMessage(1, LogLevel.Debug, "Connection to {Peer} closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string peer, string reason);

    [LoggerMessage(2, LogLevel.Information, "Silo listens on {Endpoint}")]
    public static partial void Listening(ILogger logger, string endpoint);

    [LoggerMessage(3, LogLevel.Warning, "A request from {Peer} could not be read")]
    public static partial void BadRequest(ILogger logger, Exception exception, string peer);
}
