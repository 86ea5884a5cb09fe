using Orleans.Runtime;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>
/// How a grain is named in the journal tables: <c>grain_type</c> is the Orleans grain type (e.g. <c>order</c>) and
/// <c>grain_key</c> the grain's key as text, the same two strings the old runtime stored.
/// </summary>
internal static class JournalKey
{
    public static string TypeOf(GrainId grainId) => grainId.Type.ToString()!;

    public static string KeyOf(GrainId grainId) => grainId.Key.ToString()!;
}
