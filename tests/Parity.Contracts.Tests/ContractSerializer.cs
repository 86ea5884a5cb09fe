using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Parity.GrainInterfaces.Erp;

namespace Parity.Contracts.Tests;

/// <summary>One Orleans serializer for the whole test run, configured as a silo or client would see the contracts:
/// the grain-interfaces assembly's generated codecs, copiers and converters, nothing else of Parity.</summary>
internal static class ContractSerializer
{
    private static readonly Lazy<ServiceProvider> Services = new(() => new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ErpJournal).Assembly))
        .BuildServiceProvider());

    /// <summary>The serializer.</summary>
    public static Serializer Serializer => Services.Value.GetRequiredService<Serializer>();

    /// <summary>The deep copier.</summary>
    public static DeepCopier Copier => Services.Value.GetRequiredService<DeepCopier>();

    /// <summary>The codec provider, to ask whether a type has a codec at all.</summary>
    public static ICodecProvider Codecs => Services.Value.GetRequiredService<ICodecProvider>();

    /// <summary>The payload of <paramref name="value"/> written as <see cref="object"/>, so it carries the type's alias.</summary>
    public static byte[] Serialize(object value) => Serializer.SerializeToArray<object>(value);

    /// <summary>Reads a payload written by <see cref="Serialize"/>.</summary>
    public static object Deserialize(byte[] payload) =>
        Serializer.Deserialize<object>(payload) ?? throw new InvalidOperationException("The payload holds null.");
}
