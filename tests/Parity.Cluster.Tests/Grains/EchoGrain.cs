using Parity.Runtime;

namespace Parity.Cluster.Tests.Grains;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<EchoReply> EchoAsync(EchoRequest request);

    Task<string> WhereAsync();

    Task<string?> CorrelationIdAsync();

    Task ThrowAsync(string kind, string message);

    /// <summary>Answers only when <see cref="EchoGrain.ReleaseHung"/> is called: a grain that hangs.</summary>
    Task HangAsync();
}

public sealed record EchoRequest(string Text, int Count, DateTimeOffset At);

public sealed record EchoReply(string Text, int Count, DateTimeOffset At, string Silo);

/// <summary>A domain exception only this assembly knows; it has the (string message) constructor the wire needs.</summary>
public sealed class OutOfWidgetsException(string message) : Exception(message);

/// <summary>An exception that cannot be rebuilt from a message alone.</summary>
public sealed class OpaqueException(int code) : Exception($"opaque failure {code}");

[GrainType("echo")]
public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<EchoReply> EchoAsync(EchoRequest request) => Task.FromResult(new EchoReply(request.Text, request.Count, request.At, RuntimeIdentity));

    private static TaskCompletionSource s_hung = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void ReleaseHung() => Interlocked.Exchange(ref s_hung, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public Task HangAsync() => Volatile.Read(ref s_hung).Task;

    public Task<string> WhereAsync() => Task.FromResult(RuntimeIdentity);

    public Task<string?> CorrelationIdAsync() => Task.FromResult(RequestContext.CorrelationId);

    public Task ThrowAsync(string kind, string message) => kind switch
    {
        "invalid" => throw new InvalidOperationException(message),
        "argument" => throw new ArgumentOutOfRangeException("count", message),
        "domain" => throw new OutOfWidgetsException(message),
        "opaque" => throw new OpaqueException(42),
        "overloaded" => throw new GrainOverloadedException(GrainId, 7, 5),
        "deadlock" => throw new DeadlockException(GrainId, [GrainId, new GrainId("other", "k")]),
        "inconsistent" => throw new InconsistentStateException(message, "3", "2"),
        "journal" => throw new JournalWriteException(GrainId, message),
        "timeout" => throw new GrainCallTimeoutException(GrainId, "X", TimeSpan.FromMilliseconds(1500)),
        _ => Task.CompletedTask,
    };
}
