using System.Collections.Concurrent;
using System.Reflection;

namespace Parity.Runtime.Invocation;

/// <summary>Creates grain references bound to one router (a silo's or a client's).</summary>
internal sealed class GrainFactory : IGrainFactory
{
    private static readonly MethodInfo CreateMethod = typeof(DispatchProxy).GetMethod(nameof(DispatchProxy.Create), 2, Type.EmptyTypes)!;
    private static readonly ConcurrentDictionary<Type, Func<object>> ProxyCreators = new();

    private readonly GrainTypeRegistry _registry;
    private readonly IGrainCallInvoker _invoker;

    public GrainFactory(GrainTypeRegistry registry, IGrainCallInvoker invoker)
    {
        _registry = registry;
        _invoker = invoker;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var classInfo = _registry.GetClassForInterface(typeof(TGrainInterface));
        var interfaceInfo = _registry.GetInterface(typeof(TGrainInterface));
        var create = ProxyCreators.GetOrAdd(typeof(TGrainInterface),
            static t => CreateMethod.MakeGenericMethod(t, typeof(GrainProxy)).CreateDelegate<Func<object>>());
        var proxy = create();
        ((GrainProxy)proxy).Initialize(new GrainId(classInfo.TypeName, key), interfaceInfo, _invoker);
        return (TGrainInterface)proxy;
    }
}
