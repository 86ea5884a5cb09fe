using System.Reflection;
using Orleans;
using Parity.GrainInterfaces.Erp;

namespace Parity.Contracts.Tests.Contracts;

/// <summary>The contracts as reflection sees them: grain interfaces, the types that cross their boundaries, and the
/// members the generated codecs serialize.</summary>
internal static class ContractTypes
{
    /// <summary>The grain-interfaces assembly.</summary>
    public static Assembly Assembly { get; } = typeof(ErpJournal).Assembly;

    /// <summary>Every Parity grain interface.</summary>
    public static IReadOnlyList<Type> GrainInterfaces { get; } =
        [.. Assembly.GetTypes().Where(t => t.IsInterface && typeof(Orleans.IGrain).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>Every type with a generated Orleans serializer.</summary>
    public static IReadOnlyList<Type> Serializable { get; } =
        [.. Assembly.GetTypes().Where(t => t.IsDefined(typeof(GenerateSerializerAttribute), false)).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>
    /// Every type a grain call can carry: the grain interface methods' parameter and return types, recursively through
    /// their serialized members, type arguments and the assembly's types derived from them, plus the exceptions grains
    /// throw to their callers.
    /// </summary>
    public static IReadOnlySet<Type> Reachable { get; } = FindReachable();

    /// <summary>The alias of <paramref name="member"/>, or null.</summary>
    public static string? AliasOf(MemberInfo member) => member.GetCustomAttribute<AliasAttribute>(false)?.Alias;

    /// <summary>The alias a contract type or grain interface must carry: <c>parity.&lt;area&gt;.&lt;TypeName&gt;</c>, the area being
    /// its folder (the namespace below Parity.GrainInterfaces) in lower case; a root type (ParityException) has none.</summary>
    public static string ExpectedAlias(Type type)
    {
        if (type.Namespace == "Parity.GrainInterfaces")
        {
            return $"parity.{type.Name}";
        }

        var area = type.Namespace!["Parity.GrainInterfaces.".Length..].ToLowerInvariant();
        return $"parity.{area}.{type.Name}";
    }

    /// <summary>The instance fields <paramref name="type"/> declares (auto-property backing fields included), with the
    /// <c>[Id]</c> that makes the generated codec serialize each, or null.</summary>
    public static IReadOnlyList<(FieldInfo Field, string Member, uint? Id)> SerializedFields(Type type) =>
        [.. type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(f => !f.IsDefined(typeof(NonSerializedAttribute)))
            .Select(f => (f, MemberName(f), IdOf(type, f)))];

    private static string MemberName(FieldInfo field) =>
        field.Name.StartsWith('<') ? field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)] : field.Name;

    private static uint? IdOf(Type type, FieldInfo field)
    {
        if (field.GetCustomAttribute<IdAttribute>() is { } onField)
        {
            return onField.Id;
        }

        // [Id] on an auto-property (or [property: Id] on a positional record's parameter) marks its backing field.
        var property = field.Name.StartsWith('<')
            ? type.GetProperty(MemberName(field), BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            : null;
        return property?.GetCustomAttribute<IdAttribute>()?.Id;
    }

    private static HashSet<Type> FindReachable()
    {
        var found = new HashSet<Type>();
        var pending = new Queue<Type>();
        foreach (var grainInterface in GrainInterfaces)
        {
            foreach (var method in grainInterface.GetMethods())
            {
                pending.Enqueue(method.ReturnType);
                foreach (var parameter in method.GetParameters())
                {
                    pending.Enqueue(parameter.ParameterType);
                }
            }
        }

        foreach (var exception in Assembly.GetTypes().Where(t => typeof(Exception).IsAssignableFrom(t)))
        {
            pending.Enqueue(exception);
        }

        while (pending.TryDequeue(out var type))
        {
            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            {
                pending.Enqueue(type.GetGenericArguments()[0]);
                continue;
            }

            if (type == typeof(Task) || type == typeof(ValueTask) || type == typeof(void) || !found.Add(type))
            {
                continue;
            }

            if (type.IsArray)
            {
                pending.Enqueue(type.GetElementType()!);
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Enqueue(argument);
            }

            if (type.Assembly != Assembly || type.IsEnum)
            {
                continue;
            }

            foreach (var (field, _, _) in SerializedFields(type))
            {
                pending.Enqueue(field.FieldType);
            }

            foreach (var derived in Assembly.GetTypes().Where(t => t != type && type.IsAssignableFrom(t)))
            {
                pending.Enqueue(derived);
            }
        }

        return found;
    }
}
