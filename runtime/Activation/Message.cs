using Parity.Runtime.Invocation;

namespace Parity.Runtime.Activation;

/// <summary>
/// One request to a grain: the method and arguments, the caller's context, its deadline, and the
/// completion the reply is delivered to. Timer and reminder ticks are messages with a system body.
/// </summary>
internal sealed class Message
{
    public Message(GrainId target, GrainMethod? method, object?[] arguments, CallContextData? context, DateTimeOffset? deadline)
    {
        Target = target;
        Method = method;
        Arguments = arguments;
        Context = context;
        Deadline = deadline;
        Completion = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public GrainId Target { get; }

    public GrainMethod? Method { get; }

    public object?[] Arguments { get; }

    public CallContextData? Context { get; }

    public DateTimeOffset? Deadline { get; }

    public TaskCompletionSource<object?> Completion { get; }

    /// <summary>Set for timer ticks and other runtime work that runs as a turn of the grain.</summary>
    public Func<Grain, Task>? SystemBody { get; init; }

    /// <summary>True for ticks and runtime work: they do not count against the mailbox bound or keep the grain alive.</summary>
    public bool IsSystem => SystemBody is not null;

    /// <summary>Times this message was forwarded between silos because their views disagreed.</summary>
    public int ForwardCount { get; set; }

    public long EnqueuedTimestamp { get; set; }

    public string MethodName => Method?.Name ?? "(system)";

    public void Fail(Exception error) => Completion.TrySetException(error);
}
