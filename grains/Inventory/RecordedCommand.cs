using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>A non-reserve command already decided, with its original answer (one of the two is set).</summary>
/// <param name="EventId">The command's idempotency key.</param>
/// <param name="Movement">Answer of a movement.</param>
/// <param name="Release">Answer of a release.</param>
/// <param name="Fingerprint">What the movement asked, in business words with a hash of its content; null for commands
/// recorded before fingerprints existed (they keep answering every retry as before).</param>
public sealed record RecordedCommand(string EventId, MovementResult? Movement, ReleaseResult? Release, string? Fingerprint = null);
