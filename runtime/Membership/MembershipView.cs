namespace Parity.Runtime.Membership;

/// <summary>The silos a process currently believes are Active, at one membership table version.</summary>
public sealed class MembershipView
{
    /// <summary>A view with no silos.</summary>
    public static MembershipView Empty { get; } = new([], -1);

    /// <summary>Creates a view.</summary>
    public MembershipView(IReadOnlyList<SiloAddress> activeSilos, long version)
    {
        ActiveSilos = activeSilos.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
        Version = version;
        Hashes = ActiveSilos.Select(s => s.StableHash()).ToArray();
    }

    /// <summary>Active silos, in a stable order.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos { get; }

    /// <summary>The membership table version this view was built from.</summary>
    public long Version { get; }

    internal ulong[] Hashes { get; }
}
