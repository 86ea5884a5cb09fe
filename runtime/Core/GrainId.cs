namespace Parity.Runtime;

/// <summary>
/// Identifies one grain: its grain type name and its string key (for example
/// <c>inventory-position/SKU-123@STORE-042</c>). Grain ids are what placement hashes and what storage keys on.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>Parses the <c>type/key</c> form produced by <see cref="ToString"/>.</summary>
    public static GrainId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/');
        if (slash <= 0 || slash == value.Length - 1)
        {
            throw new FormatException($"'{value}' is not a grain id; expected 'type/key'.");
        }

        return new GrainId(value[..slash], value[(slash + 1)..]);
    }

    /// <summary>A stable 64-bit hash of the id, identical on every process and platform.</summary>
    public ulong StableHash() => StableHashing.Hash64(Type, Key);

    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
