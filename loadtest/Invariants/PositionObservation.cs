namespace Parity.LoadTest.Invariants;

/// <summary>A position as read back after a run: its figures, the policy in force and its active reservations.</summary>
/// <param name="Position">The position, <c>SKU@LOCATION</c>.</param>
/// <param name="OnHand">Sellable units.</param>
/// <param name="Reserved">Σ active reservations as the position reports it.</param>
/// <param name="Committed">Units shipped against reservations during the run (none in a flash sale).</param>
/// <param name="InitialOnHand">OnHand before the run, when the scenario set it; acknowledged units beyond it are oversold.</param>
/// <param name="SafetyStock">SafetyStock of the policy in force.</param>
/// <param name="ProtectedTier">Tiers at or above this priority may consume SafetyStock.</param>
/// <param name="Channels">The policy's rule per channel; unlisted channels have the lowest priority and no cap.</param>
/// <param name="Reservations">Active reservations of every channel.</param>
/// <param name="JournalReservationIds">Reservation ids the position's journal holds a Reserved event for; null when
/// the journal is out of reach (a remote target).</param>
internal sealed record PositionObservation(
    string Position,
    int OnHand,
    int Reserved,
    int Committed,
    int? InitialOnHand,
    int SafetyStock,
    int ProtectedTier,
    IReadOnlyDictionary<string, ChannelLimit> Channels,
    IReadOnlyList<ObservedReservation> Reservations,
    IReadOnlySet<string>? JournalReservationIds);

/// <summary>What the policy says about one channel.</summary>
/// <param name="Tier">Priority tier; 0 is highest.</param>
/// <param name="CapUnits">At most this many units reserved at once.</param>
/// <param name="CapFraction">At most this fraction of OnHand reserved at once.</param>
internal sealed record ChannelLimit(int Tier, int? CapUnits = null, decimal? CapFraction = null)
{
    /// <summary>The cap in units at <paramref name="onHand"/>, rounded down as the position does; null for none.</summary>
    public int? CapAt(int onHand) => CapUnits ?? (CapFraction is { } f ? (int)decimal.Floor(f * Math.Max(0, onHand)) : null);
}

/// <summary>An active reservation read back from a position.</summary>
/// <param name="ReservationId">Its id at the position.</param>
/// <param name="ChannelId">The channel holding it.</param>
/// <param name="Quantity">Units held.</param>
internal sealed record ObservedReservation(string ReservationId, string ChannelId, int Quantity);

/// <summary>A reservation the server acknowledged (2xx) during the run.</summary>
/// <param name="Position">Where, <c>SKU@LOCATION</c>.</param>
/// <param name="ReservationId">The id it answered.</param>
/// <param name="ChannelId">The channel it was held for.</param>
/// <param name="Quantity">Units acknowledged.</param>
internal sealed record Acknowledgement(string Position, string ReservationId, string ChannelId, int Quantity);
