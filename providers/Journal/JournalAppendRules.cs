using System.Globalization;
using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>The argument checks every <see cref="IJournalStorage"/> makes before an append.</summary>
internal static class JournalAppendRules
{
    /// <summary>Throws <see cref="ArgumentException"/> unless the entries follow <paramref name="expectedVersion"/> without gaps.</summary>
    public static void Validate(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is null)
            {
                throw new ArgumentException($"Entry {i.ToString(CultureInfo.InvariantCulture)} of the append to {grainId} is null.", nameof(entries));
            }

            if (entries[i].Sequence != expectedVersion + 1 + i)
            {
                throw new ArgumentException(
                    $"Entry {i.ToString(CultureInfo.InvariantCulture)} of the append to {grainId} has sequence {entries[i].Sequence.ToString(CultureInfo.InvariantCulture)}; " +
                    $"expected {(expectedVersion + 1 + i).ToString(CultureInfo.InvariantCulture)} (sequences follow the expected version without gaps).",
                    nameof(entries));
            }
        }
    }
}
