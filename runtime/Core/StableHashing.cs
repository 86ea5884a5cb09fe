using System.Text;

namespace Parity.Runtime;

/// <summary>
/// FNV-1a over UTF-8 followed by a 64-bit finalizer: stable across processes, unlike
/// <see cref="string.GetHashCode()"/>, which placement and storage must never depend on.
/// </summary>
public static class StableHashing
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>Hashes the parts in order, with a separator so ("ab","c") and ("a","bc") differ.</summary>
    public static ulong Hash64(string first, string second)
    {
        var hash = Add(OffsetBasis, first);
        hash = (hash ^ 0x1F) * Prime;
        hash = Add(hash, second);
        return Mix(hash);
    }

    /// <summary>Combines two hashes into one well-mixed value (rendezvous placement score).</summary>
    public static ulong Combine(ulong a, ulong b) => Mix(a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2)));

    private static ulong Add(ulong hash, string value)
    {
        Span<byte> buffer = stackalloc byte[256];
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        if (max > buffer.Length)
        {
            rented = new byte[max];
            buffer = rented;
        }

        var count = Encoding.UTF8.GetBytes(value, buffer);
        foreach (var b in buffer[..count])
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }

    // SplitMix64 finalizer: spreads FNV's weak low bits.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
