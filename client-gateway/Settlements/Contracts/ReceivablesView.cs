using Parity.GrainInterfaces.Settlements;

namespace Parity.Gateway.Settlements.Contracts;

/// <summary>Provisional receivables: captures not yet settled, by provider and age.</summary>
/// <param name="AsOf">When they were aged.</param>
/// <param name="Providers">Each provider's age buckets.</param>
public sealed record ReceivablesView(DateTimeOffset AsOf, IReadOnlyList<ProvisionalReceivables> Providers);

/// <summary>The answer to a recorded capture.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Reference">The capture's reference.</param>
/// <param name="Recorded">False when the reference was already known (nothing changed).</param>
public sealed record CaptureResponse(string Provider, string Reference, bool Recorded);
