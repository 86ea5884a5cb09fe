using System.Globalization;

namespace Parity.LoadTest.Invariants;

/// <summary>
/// Judges a run by what the positions say afterwards and what the server acknowledged during it. Every figure is in
/// units (or reservations, for lost acknowledgements) and must be 0:
/// oversold (Reserved + committed beyond OnHand, or acknowledged units beyond the stock the run started with),
/// SafetyStock breaches (units held by tiers below the protected tier beyond OnHand − SafetyStock), cap breaches
/// (units a channel holds beyond its cap) and lost acknowledgements (a 2xx reservation the position does not hold
/// or, where the journal is reachable, did not journal).
/// </summary>
internal static class InvariantChecker
{
    /// <summary>Said of duplicate ERP postings while no scenario produces postings.</summary>
    public const string NoPostingsNote = "not applicable: no ERP postings in this scenario";

    /// <summary>Checks <paramref name="positions"/> against <paramref name="acknowledgements"/>.</summary>
    public static InvariantResult Check(IReadOnlyList<PositionObservation> positions, IReadOnlyCollection<Acknowledgement> acknowledgements)
    {
        var details = new List<string>();
        long oversold = 0, safety = 0, caps = 0, lost = 0;
        var byPosition = positions.ToDictionary(p => p.Position, StringComparer.Ordinal);
        var acknowledgedUnits = acknowledgements.GroupBy(a => a.Position, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(a => (long)a.Quantity), StringComparer.Ordinal);

        foreach (var p in positions)
        {
            var held = p.Reservations.Sum(r => (long)r.Quantity);
            var acknowledged = acknowledgedUnits.GetValueOrDefault(p.Position);
            var over = Math.Max(Math.Max(p.Reserved, held) + p.Committed - p.OnHand,
                p.InitialOnHand is { } initial ? acknowledged - initial : 0);
            if (over > 0)
            {
                oversold += over;
                details.Add(Format($"{p.Position}: oversold by {over} (OnHand {p.OnHand}, Reserved {p.Reserved}, held {held}, committed {p.Committed}, acknowledged {acknowledged}, initial {p.InitialOnHand?.ToString(CultureInfo.InvariantCulture) ?? "?"})"));
            }

            var byChannel = p.Reservations.GroupBy(r => r.ChannelId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(r => (long)r.Quantity), StringComparer.Ordinal);
            var unprotected = byChannel.Where(c => TierOf(p, c.Key) > p.ProtectedTier).Sum(c => c.Value);
            var allowed = Math.Max(0, p.OnHand - p.SafetyStock);
            if (unprotected > allowed)
            {
                safety += unprotected - allowed;
                var perTier = byChannel.Where(c => TierOf(p, c.Key) > p.ProtectedTier)
                    .GroupBy(c => TierOf(p, c.Key)).OrderBy(g => g.Key)
                    .Select(g => Format($"tier {g.Key}: {g.Sum(c => c.Value)}"));
                details.Add(Format($"{p.Position}: tiers below {p.ProtectedTier} hold {unprotected} units, beyond OnHand {p.OnHand} − SafetyStock {p.SafetyStock} = {allowed} ({string.Join(", ", perTier)})"));
            }

            foreach (var (channel, units) in byChannel.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                if (p.Channels.TryGetValue(channel, out var rule) && rule.CapAt(p.OnHand) is { } cap && units > cap)
                {
                    caps += units - cap;
                    details.Add(Format($"{p.Position}: channel {channel} holds {units} units beyond its cap of {cap}"));
                }
            }
        }

        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        var active = positions.ToDictionary(p => p.Position, p => p.Reservations.Select(r => r.ReservationId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var ack in acknowledgements)
        {
            var found = byPosition.TryGetValue(ack.Position, out var position)
                && active[ack.Position].Contains(ack.ReservationId)
                && (position.JournalReservationIds is null || position.JournalReservationIds.Contains(ack.ReservationId));
            if (!found)
            {
                lost++;
                missing[ack.Position] = missing.GetValueOrDefault(ack.Position) + 1;
            }
        }

        foreach (var (position, count) in missing)
        {
            details.Add(Format($"{position}: {count} acknowledged reservation(s) missing from the position's state or journal"));
        }

        return new InvariantResult(oversold, safety, caps, lost, 0, [NoPostingsNote], details);
    }

    private static int TierOf(PositionObservation p, string channel) => p.Channels.TryGetValue(channel, out var rule) ? rule.Tier : int.MaxValue;

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
