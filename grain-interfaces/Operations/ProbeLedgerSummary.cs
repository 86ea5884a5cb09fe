namespace Parity.GrainInterfaces.Operations;

/// <summary>What a probe ledger holds.</summary>
/// <param name="Count">Probes recorded (journal events).</param>
/// <param name="LastProbeId">The most recent probe's id, if any.</param>
/// <param name="Silo">The silo that answered.</param>
public sealed record ProbeLedgerSummary(long Count, string? LastProbeId, string Silo);
