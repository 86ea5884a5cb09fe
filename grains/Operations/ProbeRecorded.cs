namespace Parity.Grains.Operations;

/// <summary>The probe ledger's one event.</summary>
/// <param name="ProbeId">The probe's id (also the event's source event id).</param>
/// <param name="At">When the ledger recorded it.</param>
public sealed record ProbeRecorded(string ProbeId, DateTimeOffset At);
