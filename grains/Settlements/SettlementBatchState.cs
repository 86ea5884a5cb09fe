using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements;

/// <summary>A batch folded from its journal: the file, each line's match, and which side effects are done.
/// Public get/set members so that it round-trips through a JSON snapshot.</summary>
public sealed class SettlementBatchState
{
    /// <summary>The file, once ingested.</summary>
    public SettlementFile? File { get; set; }

    /// <summary>When it arrived.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The upload's correlation id.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Each line's latest match, by line id.</summary>
    public Dictionary<string, LineResolution> Resolutions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A person re-matched a line from the exception console (an edit, a replay, a suspense decision), so the
    /// batch's journal is not posted automatically.</summary>
    public bool ResolvedByPerson { get; set; }

    /// <summary>Side effects that happened.</summary>
    public HashSet<string> Done { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Posting's receipt, once the fact was accepted.</summary>
    public PostingReceipt? Receipt { get; set; }

    /// <summary>Folds one event.</summary>
    public void Apply(SettlementBatchEvent e)
    {
        switch (e)
        {
            case BatchIngested ingested:
                File = ingested.File;
                ReceivedAt = ingested.ReceivedAt;
                CorrelationId = ingested.CorrelationId;
                foreach (var resolution in ingested.Resolutions)
                {
                    Resolutions[resolution.LineId] = resolution;
                }

                break;
            case LineResolved resolved:
                // Only the console's retry and replay re-match a line (ISettlementBatchGrain.RetryAsync).
                Resolutions[resolved.Resolution.LineId] = resolved.Resolution;
                ResolvedByPerson = true;
                break;
            case SideEffectDone done:
                Done.Add(done.Effect);
                break;
            case FactSubmitted submitted:
                Receipt = submitted.Receipt;
                break;
        }
    }
}
