using Parity.Runtime.Membership;

namespace Parity.Runtime.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) placement: a grain's owner is the Active silo with the highest
/// hash of (grain, silo). Every silo and client computes it alone, with no directory; when a silo joins
/// or leaves, only the grains that scored highest on it move.
/// </summary>
public sealed class PlacementService
{
    private volatile MembershipView _view = MembershipView.Empty;

    /// <summary>Creates the service for a silo (<paramref name="localSilo"/>) or a client (null).</summary>
    public PlacementService(SiloAddress? localSilo) => LocalSilo = localSilo;

    /// <summary>The silo this service runs in, or null for a client.</summary>
    public SiloAddress? LocalSilo { get; internal set; }

    /// <summary>The view placement decides by.</summary>
    public MembershipView View => _view;

    /// <summary>Raised after the view changed.</summary>
    public event Action<MembershipView>? ViewChanged;

    /// <summary>Installs a newer view; older or equal versions are ignored.</summary>
    public bool UpdateView(MembershipView view)
    {
        while (true)
        {
            var current = _view;
            if (view.Version <= current.Version && current.Version >= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _view, view, current) == current)
            {
                ViewChanged?.Invoke(view);
                return true;
            }
        }
    }

    /// <summary>The owning silo of <paramref name="grainId"/>, or null when no silo is Active.</summary>
    public SiloAddress? PickOwner(GrainId grainId)
    {
        var view = _view;
        var silos = view.ActiveSilos;
        if (silos.Count == 0)
        {
            return null;
        }

        var grainHash = grainId.StableHash();
        var best = 0;
        var bestScore = StableHashing.Combine(grainHash, view.Hashes[0]);
        for (var i = 1; i < silos.Count; i++)
        {
            var score = StableHashing.Combine(grainHash, view.Hashes[i]);
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }

        return silos[best];
    }

    /// <summary>True when this silo owns <paramref name="grainId"/> in its current view.</summary>
    public bool IsLocalOwner(GrainId grainId) => LocalSilo is { } local && PickOwner(grainId) == local;
}
