using System.Net.Sockets;
using System.Text;

namespace Parity.Gateway.Tests.Testing;

/// <summary>One HTTP/1.1 connection driven byte by byte, for what HttpClient cannot do: send a request's headers and
/// hold its body back, as a slow or hostile client does.</summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawHttpConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawHttpConnection> OpenAsync(Uri baseAddress)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        return new RawHttpConnection(tcp);
    }

    /// <summary>Sends a request line and headers (Host added) and, when given, the first bytes of the body.</summary>
    public async Task SendHeadAsync(string method, string path, IReadOnlyDictionary<string, string> headers, byte[]? bodyStart = null)
    {
        var head = new StringBuilder($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (bodyStart is not null)
        {
            await _stream.WriteAsync(bodyStart);
        }

        await _stream.FlushAsync();
    }

    /// <summary>Sends more of the body.</summary>
    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Reads the answer's status line and headers, failing when none arrives within <paramref name="timeoutSeconds"/>.</summary>
    public async Task<(int Status, string Head)> ReadHeadAsync(int timeoutSeconds = 10)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (!Encoding.ASCII.GetString([.. received]).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No answer within {timeoutSeconds} s; received: '{Encoding.ASCII.GetString([.. received])}'.");
            }

            if (read == 0)
            {
                throw new IOException($"The server closed the connection; received: '{Encoding.ASCII.GetString([.. received])}'.");
            }

            received.AddRange(buffer.AsSpan(0, read).ToArray());
        }

        var text = Encoding.ASCII.GetString([.. received]);
        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), text);
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
