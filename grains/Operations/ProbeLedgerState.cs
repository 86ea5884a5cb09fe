using Parity.GrainInterfaces.Operations;

namespace Parity.Grains.Operations;

/// <summary>The fold of a probe ledger: the count and the sequences of the most recent probe ids.</summary>
public sealed class ProbeLedgerState
{
    /// <summary>Probes recorded.</summary>
    public long Count { get; set; }

    /// <summary>Journal sequence of each remembered probe id.</summary>
    public Dictionary<string, long> Sequences { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Remembered probe ids, oldest first, so the oldest can be forgotten.</summary>
    public Queue<string> Order { get; set; } = new();

    /// <summary>The most recent probe's id.</summary>
    public string? LastProbeId { get; set; }

    /// <summary>Applies one event; the event's sequence is the new count.</summary>
    public void Apply(ProbeRecorded @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        Count++;
        LastProbeId = @event.ProbeId;
        Sequences[@event.ProbeId] = Count;
        Order.Enqueue(@event.ProbeId);
        while (Order.Count > IProbeLedgerGrain.RememberedProbes)
        {
            Sequences.Remove(Order.Dequeue());
        }
    }
}
