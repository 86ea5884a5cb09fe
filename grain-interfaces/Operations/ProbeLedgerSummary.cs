using Orleans;

namespace Parity.GrainInterfaces.Operations;

/// <summary>What a probe ledger holds.</summary>
/// <param name="Count">Probes recorded (journal events).</param>
/// <param name="LastProbeId">The most recent probe's id, if any.</param>
/// <param name="Silo">The silo that answered.</param>
[GenerateSerializer]
[Alias("parity.operations.ProbeLedgerSummary")]
public sealed record ProbeLedgerSummary(
    [property: Id(0)] long Count,
    [property: Id(1)] string? LastProbeId,
    [property: Id(2)] string Silo);
