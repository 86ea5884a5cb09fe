namespace Parity.GrainInterfaces.Operations;

/// <summary>The answer to one recorded probe.</summary>
/// <param name="ProbeId">The probe's id.</param>
/// <param name="Sequence">The journal sequence of the probe's event.</param>
/// <param name="Duplicate">True when this was a retry of a probe already recorded.</param>
/// <param name="Silo">The silo that answered.</param>
public sealed record ProbeReceipt(string ProbeId, long Sequence, bool Duplicate, string Silo);
