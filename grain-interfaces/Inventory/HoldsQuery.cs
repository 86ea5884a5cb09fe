using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// An order asks a position, in the read it plans from, what the position already holds for one cause of it: a
/// placement retried after a crash finds and adopts what its first attempt reserved.
/// </summary>
/// <param name="ChannelId">The channel whose ATS is read.</param>
/// <param name="OrderRef">The order whose Order-kind reservations are looked at.</param>
/// <param name="RequestIdPrefix">Only reservations whose request id starts with this (the order and the cause) are returned.</param>
/// <param name="RequestIds">Request ids the order means to use; the answer names for each an unused one.</param>
[GenerateSerializer]
[Alias("parity.inventory.HoldsQuery")]
[Immutable]
public sealed record HoldsQuery(
    [property: Id(0)] string ChannelId,
    [property: Id(1)] string OrderRef,
    [property: Id(2)] string RequestIdPrefix,
    [property: Id(3)] IReadOnlyList<string> RequestIds);
