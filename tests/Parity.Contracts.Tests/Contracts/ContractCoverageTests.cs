using System.Collections;
using System.Reflection;
using Orleans;
using Parity.Contracts.Tests.Golden;
using Parity.Contracts.Tests.Samples;

namespace Parity.Contracts.Tests.Contracts;

/// <summary>
/// Every type that crosses a grain boundary has a generated codec, a stable alias, an explicit id on every member it
/// serializes, a sample and a golden payload; every grain interface and method has an alias. A contract added or
/// changed without them fails here, not at run time (Orleans #8521: a member without an id was silently dropped).
/// </summary>
public sealed class ContractCoverageTests
{
    private static readonly BindingFlags DeclaredMethods = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    [Fact]
    public void GrainInterfaces_AreFound()
    {
        // Guards the reflection below: if it found nothing, every other check here would pass vacuously.
        Assert.True(ContractTypes.GrainInterfaces.Count >= 15, $"Only {ContractTypes.GrainInterfaces.Count} grain interfaces found.");
        Assert.True(ContractTypes.Reachable.Count(t => t.Assembly == ContractTypes.Assembly) >= 100);
    }

    [Fact]
    public void GrainInterfacesAndTheirMethods_HaveStableAliases()
    {
        var failures = new List<string>();
        foreach (var grainInterface in ContractTypes.GrainInterfaces)
        {
            if (ContractTypes.AliasOf(grainInterface) != ContractTypes.ExpectedAlias(grainInterface))
            {
                failures.Add($"{grainInterface.Name}: alias '{ContractTypes.AliasOf(grainInterface)}', expected '{ContractTypes.ExpectedAlias(grainInterface)}'");
            }

            foreach (var method in grainInterface.GetMethods(DeclaredMethods))
            {
                var expected = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^"Async".Length] : method.Name;
                if (ContractTypes.AliasOf(method) != expected)
                {
                    failures.Add($"{grainInterface.Name}.{method.Name}: alias '{ContractTypes.AliasOf(method)}', expected '{expected}'");
                }
            }

            // Unique over the methods a call on the interface can reach, inherited ones included.
            var methods = grainInterface.GetInterfaces().Append(grainInterface).SelectMany(i => i.GetMethods(DeclaredMethods));
            failures.AddRange(methods.GroupBy(ContractTypes.AliasOf).Where(g => g.Count() > 1)
                .Select(g => $"{grainInterface.Name}: methods {string.Join(", ", g.Select(m => m.Name))} share the alias '{g.Key}'"));
        }

        AssertNone(failures);
    }

    [Fact]
    public void EveryTypeCrossingAGrainBoundary_HasAGeneratedCodecAndItsAlias()
    {
        var failures = new List<string>();
        foreach (var type in ContractTypes.Reachable.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.Assembly != ContractTypes.Assembly)
            {
                // Framework and collection types: Orleans must know them (JsonElement travels through a surrogate).
                if (!type.IsGenericTypeDefinition && ContractSerializer.Codecs.TryGetCodec(type) is null)
                {
                    failures.Add($"{type}: Orleans has no codec for it");
                }

                continue;
            }

            if (!type.IsDefined(typeof(GenerateSerializerAttribute), false))
            {
                failures.Add($"{type.FullName}: no [GenerateSerializer]");
            }

            if (ContractTypes.AliasOf(type) != ContractTypes.ExpectedAlias(type))
            {
                failures.Add($"{type.FullName}: alias '{ContractTypes.AliasOf(type)}', expected '{ContractTypes.ExpectedAlias(type)}'");
            }
        }

        AssertNone(failures);
    }

    [Fact]
    public void EverySerializedMember_HasAnId_UniqueWithinItsType()
    {
        var failures = new List<string>();
        foreach (var type in ContractTypes.Serializable.Where(t => !t.IsEnum))
        {
            var fields = ContractTypes.SerializedFields(type);
            failures.AddRange(fields.Where(f => f.Id is null)
                .Select(f => $"{type.FullName}.{f.Member}: no [Id], so the codec would drop it or give it an implicit id that moves when members do"));
            failures.AddRange(fields.Where(f => f.Id is not null).GroupBy(f => f.Id).Where(g => g.Count() > 1)
                .Select(g => $"{type.FullName}: members {string.Join(", ", g.Select(f => f.Member))} share [Id({g.Key})]"));
        }

        AssertNone(failures);
    }

    [Fact]
    public void Aliases_AreUniqueAcrossTheAssembly()
    {
        var aliased = ContractTypes.Assembly.GetTypes().Where(t => ContractTypes.AliasOf(t) is not null);

        Assert.Empty(aliased.GroupBy(ContractTypes.AliasOf).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void EveryContractType_HasASampleAndAGoldenPayload()
    {
        // Abstract bases are covered by their derived types; internal surrogates by the payloads of the types using them.
        var concrete = ContractTypes.Serializable.Where(t => !t.IsAbstract && t.IsPublic);
        var failures = new List<string>();
        foreach (var type in concrete)
        {
            var samples = ContractSamples.All.Where(s => s.Value.GetType() == type).ToList();
            if (samples.Count == 0)
            {
                failures.Add($"{type.FullName}: no sample in ContractSamples");
            }

            failures.AddRange(samples.Where(s => !File.Exists(GoldenPayloads.PathOf(s.Name))).Select(s => $"{s.Name}: no golden payload"));
        }

        AssertNone(failures);
    }

    [Fact]
    public void Samples_SetEveryMember()
    {
        // A member left at its default would read back equal even if its codec dropped it.
        var failures = new List<string>();
        foreach (var type in ContractTypes.Serializable.Where(t => !t.IsEnum && !t.IsAbstract && t.IsPublic))
        {
            var samples = ContractSamples.All.Select(s => s.Value).Where(v => v.GetType() == type).ToList();
            foreach (var (field, member, _) in ContractTypes.SerializedFields(type))
            {
                if (!samples.Any(v => IsSet(field.GetValue(v), field.FieldType)))
                {
                    failures.Add($"{type.FullName}.{member}: no sample sets it (non-default, collections with 2 items or more)");
                }
            }
        }

        AssertNone(failures);
    }

    private static void AssertNone(List<string> failures) =>
        Assert.True(failures.Count == 0, $"{failures.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");

    private static bool IsSet(object? value, Type type) => value switch
    {
        null => false,
        string text => text.Length > 0,
        IEnumerable items => items.Cast<object?>().Count() >= 2,
        _ => !type.IsValueType || !value.Equals(Activator.CreateInstance(Nullable.GetUnderlyingType(type) ?? type)),
    };
}
