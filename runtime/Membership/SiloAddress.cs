namespace Parity.Runtime.Membership;

/// <summary>
/// A silo process: its endpoint and its generation (start stamp), so a silo restarted on the same
/// endpoint is a different silo, as in Orleans.
/// </summary>
public readonly record struct SiloAddress(string Host, int Port, long Generation)
{
    /// <summary>Parses the <c>host:port@generation</c> form.</summary>
    public static SiloAddress Parse(string value)
    {
        var at = value.LastIndexOf('@');
        var colon = value.LastIndexOf(':', at < 0 ? value.Length - 1 : at);
        if (at < 0 || colon < 0)
        {
            throw new FormatException($"'{value}' is not a silo address; expected 'host:port@generation'.");
        }

        return new SiloAddress(value[..colon], int.Parse(value[(colon + 1)..at], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(value[(at + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The endpoint part, <c>host:port</c>.</summary>
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>A stable hash for rendezvous placement.</summary>
    public ulong StableHash() => StableHashing.Hash64(Endpoint, Generation.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port}@{Generation}";
}
