using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory.Contracts;

/// <summary>A position as a channel sees it: every figure, its own reservations and what it can sell here.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="LocationId">The location.</param>
/// <param name="ChannelId">The channel the ATS and reservations are shown for.</param>
/// <param name="AvailableToSell">The channel's ATS here.</param>
/// <param name="OnHand">Sellable physical units.</param>
/// <param name="Reserved">Σ active reservations of every channel.</param>
/// <param name="SafetyStock">SafetyStock of the policy in force.</param>
/// <param name="Damaged">Units written off as damaged.</param>
/// <param name="QualityControl">Units under inspection or awaiting return processing.</param>
/// <param name="Incoming">Units announced by purchase orders.</param>
/// <param name="InTransit">Units on transfers to this location.</param>
/// <param name="PolicyVersion">Version of the channel policy in force.</param>
/// <param name="Version">Ledger events folded.</param>
/// <param name="Reservations">Active reservations: the channel's own, or every one for admin keys.</param>
/// <param name="AtsByChannel">ATS of every channel the policy names; admin keys only.</param>
public sealed record PositionView(
    string Sku, string LocationId, string ChannelId, int AvailableToSell,
    int OnHand, int Reserved, int SafetyStock, int Damaged, int QualityControl, int Incoming, int InTransit,
    long PolicyVersion, long Version, IReadOnlyList<ReservationInfo> Reservations, IReadOnlyDictionary<string, int>? AtsByChannel);
