using Parity.LoadTest.Invariants;

namespace Parity.LoadTest.Tests.Invariants;

public sealed class InvariantCheckerTests
{
    private static readonly Dictionary<string, ChannelLimit> Policy = new(StringComparer.Ordinal)
    {
        ["store-1"] = new ChannelLimit(0),
        ["web-1"] = new ChannelLimit(1),
        ["marketplace-1"] = new ChannelLimit(2, CapFraction: 0.1m),
        ["marketplace-2"] = new ChannelLimit(2, CapUnits: 5),
    };

    [Fact]
    public void Check_HealthyPosition_IsAllZero()
    {
        var position = Position(onHand: 100, safetyStock: 10,
            ("r1", "store-1", 20), ("r2", "web-1", 40), ("r3", "marketplace-1", 10), ("r4", "marketplace-2", 5));

        var result = InvariantChecker.Check([position], [Ack("r1", "store-1", 20), Ack("r2", "web-1", 40), Ack("r3", "marketplace-1", 10), Ack("r4", "marketplace-2", 5)]);

        Assert.True(result.Holds, string.Join("; ", result.Details));
        Assert.Equal(0, result.DuplicatePostings);
        Assert.Contains(InvariantChecker.NoPostingsNote, result.Notes);
    }

    [Fact]
    public void Check_PlantedOversell_IsCounted()
    {
        // Reserved 105 of 100 on hand: 5 units oversold (held by the protected tier, so no SafetyStock breach).
        var position = Position(onHand: 100, safetyStock: 0, ("r1", "store-1", 105));

        var result = InvariantChecker.Check([position], [Ack("r1", "store-1", 105)]);

        Assert.Equal(5, result.Oversold);
        Assert.False(result.Holds);
    }

    [Fact]
    public void Check_AcknowledgedBeyondStartingStock_IsOversoldEvenIfThePositionLooksFine()
    {
        // The position shows 100 of 100 held, but the server acknowledged 103 units: 3 went to customers who will not get them.
        var position = Position(onHand: 100, safetyStock: 0, ("r1", "store-1", 100)) with { InitialOnHand = 100 };

        var result = InvariantChecker.Check([position], [Ack("r1", "store-1", 100), Ack("r-ghost", "store-1", 3)]);

        Assert.Equal(3, result.Oversold);
        Assert.Equal(1, result.LostAcknowledgements);
    }

    [Fact]
    public void Check_PlantedCapBreach_CountsTheUnitsBeyondTheCap()
    {
        // marketplace-1 may hold 10 % of 100 = 10 units and holds 14; marketplace-2 may hold 5 and holds 6.
        var position = Position(onHand: 100, safetyStock: 0, ("r1", "marketplace-1", 14), ("r2", "marketplace-2", 6));

        var result = InvariantChecker.Check([position], [Ack("r1", "marketplace-1", 14), Ack("r2", "marketplace-2", 6)]);

        Assert.Equal(5, result.CapBreaches);
        Assert.Equal(0, result.Oversold);
        Assert.Contains(result.Details, d => d.Contains("marketplace-1 holds 14 units beyond its cap of 10", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PlantedSafetyStockBreach_CountsUnprotectedTiersBeyondOnHandLessSafetyStock()
    {
        // OnHand 50, SafetyStock 10: tiers 1 and 2 may hold 40 together; they hold 45 (the store's 5 are allowed).
        var position = Position(onHand: 50, safetyStock: 10, ("r1", "web-1", 40), ("r2", "marketplace-2", 5), ("r3", "store-1", 5));

        var result = InvariantChecker.Check([position], [Ack("r1", "web-1", 40), Ack("r2", "marketplace-2", 5), Ack("r3", "store-1", 5)]);

        Assert.Equal(5, result.SafetyStockBreaches);
        Assert.Equal(0, result.Oversold);
    }

    [Fact]
    public void Check_PlantedLostAcknowledgement_IsCounted()
    {
        var position = Position(onHand: 100, safetyStock: 0, ("r1", "web-1", 1));

        var result = InvariantChecker.Check([position], [Ack("r1", "web-1", 1), Ack("r2", "web-1", 1)]);

        Assert.Equal(1, result.LostAcknowledgements);
        Assert.Contains(result.Details, d => d.Contains("1 acknowledged reservation(s) missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ReservationHeldButNotJournaled_IsLost()
    {
        // Held in memory but never written: a restart would lose it.
        var position = Position(onHand: 100, safetyStock: 0, ("r1", "web-1", 1), ("r2", "web-1", 1))
            with { JournalReservationIds = new HashSet<string>(StringComparer.Ordinal) { "r1" } };

        var result = InvariantChecker.Check([position], [Ack("r1", "web-1", 1), Ack("r2", "web-1", 1)]);

        Assert.Equal(1, result.LostAcknowledgements);
    }

    [Fact]
    public void Check_AcknowledgementForAPositionNeverRead_IsLost()
    {
        var result = InvariantChecker.Check([Position(onHand: 10, safetyStock: 0)], [new Acknowledgement("OTHER@DC-1", "r1", "web-1", 1)]);

        Assert.Equal(1, result.LostAcknowledgements);
    }

    private static PositionObservation Position(int onHand, int safetyStock, params (string Id, string Channel, int Quantity)[] reservations) =>
        new("SKU-1@DC-1", onHand, reservations.Sum(r => r.Quantity), 0, null, safetyStock, 0, Policy,
            reservations.Select(r => new ObservedReservation(r.Id, r.Channel, r.Quantity)).ToList(), null);

    private static Acknowledgement Ack(string id, string channel, int quantity) => new("SKU-1@DC-1", id, channel, quantity);
}
