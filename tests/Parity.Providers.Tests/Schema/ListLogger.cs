using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Parity.Providers.Tests.Schema;

/// <summary>Keeps formatted log messages so a test can check what was reported.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Messages.Enqueue(formatter(state, exception));
}
