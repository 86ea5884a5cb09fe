using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Parity.Runtime.Hosting;
using Parity.Runtime.State;

namespace Parity.Runtime.Activation;

/// <summary>
/// Creates grain instances: the public constructor with the most parameters, each parameter from the
/// silo's services, except <see cref="PersistentStateAttribute"/> parameters, which get a state bound to
/// the grain and loaded before OnActivateAsync.
/// </summary>
internal sealed class GrainActivator
{
    private static readonly MethodInfo CreateStateMethod = typeof(GrainActivator).GetMethod(nameof(CreateState), BindingFlags.NonPublic | BindingFlags.Static)!;
    private readonly ConcurrentDictionary<Type, Func<ActivationData, Grain>> _factories = new();
    private readonly Silo _silo;

    public GrainActivator(Silo silo) => _silo = silo;

    public Grain Create(ActivationData activation) => _factories.GetOrAdd(activation.ClassInfo.ClassType, BuildFactory)(activation);

    private Func<ActivationData, Grain> BuildFactory(Type grainClass)
    {
        var constructor = grainClass.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{grainClass.Name} has no public constructor.");
        var parameters = constructor.GetParameters();
        var resolvers = new Func<ActivationData, object?>[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
            if (stateAttribute is not null)
            {
                var type = parameter.ParameterType;
                if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                {
                    throw new InvalidOperationException($"[PersistentState] parameter '{parameter.Name}' of {grainClass.Name} must be IPersistentState<T>.");
                }

                var create = CreateStateMethod.MakeGenericMethod(type.GetGenericArguments()[0])
                    .CreateDelegate<Func<string, ActivationData, object>>();
                var name = stateAttribute.StateName;
                resolvers[i] = activation => create(name, activation);
            }
            else
            {
                var type = parameter.ParameterType;
                var hasDefault = parameter.HasDefaultValue;
                var fallback = parameter.DefaultValue;
                resolvers[i] = _ => _silo.Services.GetService(type) ?? (hasDefault ? fallback
                    : throw new InvalidOperationException($"{grainClass.Name} needs a {type.Name}, which is not registered with the silo's services."));
            }
        }

        return activation =>
        {
            var args = new object?[resolvers.Length];
            for (var i = 0; i < resolvers.Length; i++)
            {
                args[i] = resolvers[i](activation);
            }

            return (Grain)constructor.Invoke(args);
        };
    }

    private static object CreateState<TState>(string name, ActivationData activation) where TState : new()
    {
        var state = new PersistentState<TState>(name, activation.GrainId, activation.Silo.GrainStorage);
        activation.PersistentStates.Add(state);
        return state;
    }
}
