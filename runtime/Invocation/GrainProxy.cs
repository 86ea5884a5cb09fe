using System.Reflection;

namespace Parity.Runtime.Invocation;

/// <summary>
/// The run-time generated grain reference (System.Reflection.DispatchProxy): every interface call becomes
/// a message routed to the grain's activation. Cheap to create; holds no connection.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private IGrainCallInvoker? _invoker;
    private InterfaceInfo? _interface;

    /// <summary>The grain this reference points to.</summary>
    public GrainId GrainId { get; private set; }

    internal void Initialize(GrainId grainId, InterfaceInfo info, IGrainCallInvoker invoker)
    {
        GrainId = grainId;
        _interface = info;
        _invoker = invoker;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.DeclaringType == typeof(object))
        {
            return targetMethod.Name switch
            {
                nameof(ToString) => GrainId.ToString(),
                nameof(GetHashCode) => GrainId.GetHashCode(),
                nameof(Equals) => args?[0] is GrainProxy other && other.GrainId == GrainId,
                _ => throw new NotSupportedException(targetMethod.Name),
            };
        }

        var method = _interface![targetMethod];
        return method.ReturnAdapter(_invoker!.InvokeAsync(GrainId, method, args ?? []));
    }

    /// <inheritdoc />
    public override string ToString() => GrainId.ToString();
}

/// <summary>Sends a call to a grain and returns its boxed result.</summary>
internal interface IGrainCallInvoker
{
    Task<object?> InvokeAsync(GrainId grainId, GrainMethod method, object?[] arguments);
}
