using System.Collections.Concurrent;
using System.Reflection;

namespace Parity.Runtime.Invocation;

/// <summary>
/// Maps grain interfaces to the grain classes that implement them (Orleans' application parts), and
/// holds the per-method metadata both callers and silos use. Shared by all silos and clients of a process.
/// </summary>
internal sealed class GrainTypeRegistry
{
    private readonly ConcurrentDictionary<Type, GrainClassInfo> _classByInterface = new();
    private readonly ConcurrentDictionary<string, GrainClassInfo> _classByTypeName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, InterfaceInfo> _interfaces = new();
    private readonly ConcurrentDictionary<string, GrainMethod> _methodsById = new(StringComparer.Ordinal);
    private readonly HashSet<Assembly> _assemblies = [];
    private readonly Lock _lock = new();

    public GrainTypeRegistry()
    {
        // The runtime's own grains, known to every silo and client: cluster statistics and grain inspection.
        AddClass(typeof(Statistics.ClusterStatisticsGrain));
        AddClass(typeof(Inspection.GrainInspectorGrain));
        GetInterface(typeof(Inspection.IGrainInspection));
    }

    public void AddAssembly(Assembly assembly)
    {
        lock (_lock)
        {
            if (!_assemblies.Add(assembly))
            {
                return;
            }

            foreach (var type in SafeGetTypes(assembly))
            {
                if (type is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(type))
                {
                    AddClass(type);
                }
            }
        }
    }

    public void AddClass(Type grainClass)
    {
        var info = new GrainClassInfo(grainClass);
        if (_classByTypeName.TryGetValue(info.TypeName, out var existing) && existing.ClassType != grainClass)
        {
            throw new InvalidOperationException($"Grain type name '{info.TypeName}' is used by both {existing.ClassType} and {grainClass}.");
        }

        _classByTypeName[info.TypeName] = info;
        foreach (var iface in grainClass.GetInterfaces())
        {
            if (iface == typeof(IGrain) || iface == typeof(IGrainWithStringKey) || iface == typeof(IAddressable) || iface == typeof(IRemindable)
                || iface == typeof(Inspection.IGrainInspection)
                || !typeof(IGrain).IsAssignableFrom(iface))
            {
                continue;
            }

            // An interface implemented by two classes cannot be resolved from its type alone.
            _classByInterface.AddOrUpdate(iface, info, (_, old) => old.ClassType == grainClass ? info : Ambiguous(iface, old, info));
        }
    }

    public GrainClassInfo GetClassForInterface(Type grainInterface)
    {
        if (_classByInterface.TryGetValue(grainInterface, out var info))
        {
            if (info.ClassType == typeof(AmbiguousGrain))
            {
                throw new InvalidOperationException($"Several grain classes implement {grainInterface.Name}; give each its own interface.");
            }

            return info;
        }

        throw new InvalidOperationException(
            $"No grain class implements {grainInterface.FullName}. Register the grains' assembly with AddGrainAssembly.");
    }

    public GrainClassInfo GetClass(string grainTypeName) =>
        _classByTypeName.TryGetValue(grainTypeName, out var info)
            ? info
            : throw new InvalidOperationException($"Unknown grain type '{grainTypeName}'. Register the grains' assembly with AddGrainAssembly.");

    public bool TryGetClass(string grainTypeName, out GrainClassInfo info) => _classByTypeName.TryGetValue(grainTypeName, out info!);

    public InterfaceInfo GetInterface(Type grainInterface) => _interfaces.GetOrAdd(grainInterface, static (type, self) =>
    {
        if (!type.IsInterface || !typeof(IGrain).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.Name} is not a grain interface.");
        }

        var info = new InterfaceInfo(type);
        foreach (var method in info.AllMethods)
        {
            self._methodsById.TryAdd(method.Id, method);
        }

        return info;
    }, this);

    public GrainMethod GetMethod(string methodId)
    {
        if (_methodsById.TryGetValue(methodId, out var method))
        {
            return method;
        }

        // A silo receiving a call from the network may not have touched the interface yet: index every
        // interface of the registered classes, then look again.
        foreach (var iface in _classByInterface.Keys)
        {
            GetInterface(iface);
        }

        return _methodsById.TryGetValue(methodId, out method)
            ? method
            : throw new InvalidOperationException($"Unknown grain method '{methodId}'.");
    }

    private static GrainClassInfo Ambiguous(Type iface, GrainClassInfo a, GrainClassInfo b)
    {
        // A test double marked [GrainOverride] replaces the real grain instead of making the interface ambiguous.
        var aOverrides = a.ClassType.IsDefined(typeof(GrainOverrideAttribute), inherit: false);
        var bOverrides = b.ClassType.IsDefined(typeof(GrainOverrideAttribute), inherit: false);
        if (aOverrides != bOverrides)
        {
            return aOverrides ? a : b;
        }

        return new(typeof(AmbiguousGrain));
    }

    private static IEnumerable<Type> SafeGetTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }

    private sealed class AmbiguousGrain : Grain;
}

/// <summary>The methods of one grain interface, including inherited grain interfaces.</summary>
internal sealed class InterfaceInfo
{
    private readonly Dictionary<MethodInfo, GrainMethod> _methods = [];

    public InterfaceInfo(Type interfaceType)
    {
        InterfaceType = interfaceType;
        foreach (var iface in new[] { interfaceType }.Concat(interfaceType.GetInterfaces()))
        {
            if (!typeof(IGrain).IsAssignableFrom(iface))
            {
                continue;
            }

            foreach (var method in iface.GetMethods())
            {
                _methods[method] = new GrainMethod(iface, method);
            }
        }

        AllMethods = _methods.Values.ToArray();
    }

    public Type InterfaceType { get; }

    public GrainMethod[] AllMethods { get; }

    public GrainMethod this[MethodInfo method] => _methods[method];
}
