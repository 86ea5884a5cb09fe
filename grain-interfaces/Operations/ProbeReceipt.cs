using Orleans;

namespace Parity.GrainInterfaces.Operations;

/// <summary>The answer to one recorded probe.</summary>
/// <param name="ProbeId">The probe's id.</param>
/// <param name="Sequence">The journal sequence of the probe's event.</param>
/// <param name="Duplicate">True when this was a retry of a probe already recorded.</param>
/// <param name="Silo">The silo that answered.</param>
[GenerateSerializer]
[Alias("parity.operations.ProbeReceipt")]
public sealed record ProbeReceipt(
    [property: Id(0)] string ProbeId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] bool Duplicate,
    [property: Id(3)] string Silo);
