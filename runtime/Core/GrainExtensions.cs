using Parity.Runtime.Invocation;

namespace Parity.Runtime;

/// <summary>Helpers on grains and grain references, as in Orleans.</summary>
public static class GrainExtensions
{
    /// <summary>The id of a grain or of the grain a reference points to.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        GrainProxy proxy => proxy.GrainId,
        Grain g => g.GrainId,
        _ => throw new ArgumentException("Not a grain or grain reference.", nameof(grain)),
    };

    /// <summary>The string key of a grain or grain reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;
}
