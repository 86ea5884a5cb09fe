using Orleans.TestingHost;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Reconciliation;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.Reconciliation;
using Parity.Orders.Tests.Testing;
using static Parity.Orders.Tests.Testing.OrderCluster;

namespace Parity.Orders.Tests.Orders;

/// <summary>The denominators of the exception rates: orders placed and POS tickets, counted once per channel and day.</summary>
[Collection(OrderClusterCollection.Name)]
public sealed class TransactionCountTests(OrderClusterFixture fixture)
{
    private TestCluster Cluster => fixture.Cluster;

    private IReconciliationFiguresGrain Figures(string channel, DateOnly day) =>
        Cluster.GrainFactory.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For(channel, day));

    private static PlaceOrder Placement(string channel, string channelOrderId, DateTimeOffset placedAt) =>
        new($"placed-{channelOrderId}", channel, channelOrderId, "EUR", placedAt, [Line("1", NewSku(), 1)]);

    [Fact]
    public async Task PlacedOrders_CountOncePerChannelAndPlacementDay_ARetriedPlacementIncluded()
    {
        // A channel of its own, so that other tests' orders do not count here.
        var channel = $"cnt{Guid.NewGuid():N}"[..12];
        var monday = new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);
        var tuesday = new DateTimeOffset(2026, 12, 1, 0, 15, 0, TimeSpan.FromHours(2)); // 2026-11-30 22:15 UTC

        var first = Placement(channel, "A", monday);
        await Cluster.Order(OrderId.Of(channel, "A")).PlaceAsync(first);
        await Cluster.Order(OrderId.Of(channel, "A")).PlaceAsync(first); // the channel retries: same event id
        await Cluster.Order(OrderId.Of(channel, "B")).PlaceAsync(Placement(channel, "B", tuesday));
        await Cluster.Order(OrderId.Of(channel, "C")).PlaceAsync(Placement(channel, "C", monday.AddHours(1)));

        // Placements are counted before they are answered: no waiting needed. B is counted on its UTC day.
        Assert.Equal(2, (await Figures(channel, new DateOnly(2026, 11, 30)).GetAsync()).Count(FigureKind.OrderPlaced));
        Assert.Equal(1, (await Figures(channel, new DateOnly(2026, 12, 1)).GetAsync()).Count(FigureKind.OrderPlaced));

        // A later event journals the count (no write of its own); the count stays the same.
        await Cluster.Order(OrderId.Of(channel, "A")).ApplyAsync(Event("a-auth", OrderEventType.PaymentAuthorized));
        Assert.Contains(await Cluster.Order(OrderId.Of(channel, "A")).GetHistoryAsync(), e => e.Type == nameof(Parity.Grains.Orders.PlacementCounted));
        Assert.Equal(2, (await Figures(channel, new DateOnly(2026, 11, 30)).GetAsync()).Count(FigureKind.OrderPlaced));
    }

    [Fact]
    public async Task FiguresUnavailable_ThePlacementStillSucceeds_AndIsCountedOnceTheyReturn()
    {
        var channel = $"fail{Guid.NewGuid():N}"[..12];
        var day = new DateOnly(2026, 11, 29);
        var figuresGrain = $"reconciliation-figures/{ReconciliationFigureKeys.For(channel, day)}";
        Cluster.Faults().FailWhen = (grain, _) => grain.ToString() == figuresGrain;
        try
        {
            var outcome = await Cluster.Order(OrderId.Of(channel, "F")).PlaceAsync(Placement(channel, "F", new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)));

            Assert.Equal(EventDisposition.Applied, outcome.Disposition);
            Assert.Equal(0, (await Figures(channel, day).GetAsync()).Count(FigureKind.OrderPlaced));
        }
        finally
        {
            Cluster.Faults().FailWhen = null;
        }

        // Kept pending in the order and retried by its timer (a reminder backs it) until the figures take it.
        await WaitUntilAsync(async () => (await Figures(channel, day).GetAsync()).Count(FigureKind.OrderPlaced) == 1,
            because: "the order retries the count once the figures can journal again");
        await WaitUntilAsync(async () => (await Cluster.Order(OrderId.Of(channel, "F")).GetHistoryAsync()).Any(e => e.Type == nameof(Parity.Grains.Orders.PlacementCounted)),
            because: "the retry journals that the placement was counted");
        Assert.Equal(1, (await Figures(channel, day).GetAsync()).Count(FigureKind.OrderPlaced));
    }

    [Fact]
    public async Task OrderExceptionRate_IsTheChannelsOrderExceptionsOverItsOrdersPlaced()
    {
        if (DateTimeOffset.UtcNow.TimeOfDay > TimeSpan.FromDays(1) - TimeSpan.FromSeconds(20))
        {
            // The exception is raised a few seconds after the placements; keep both on one UTC day.
            await Task.Delay(TimeSpan.FromSeconds(25));
        }

        var channel = $"oxr{Guid.NewGuid():N}"[..12];
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 4; i++)
        {
            await Cluster.Order(OrderId.Of(channel, $"O{i}")).PlaceAsync(Placement(channel, $"O{i}", now));
        }

        // One of the four gets a shipment that never sees its payment: parked, then raised as OutOfSequence.
        await Cluster.Order(OrderId.Of(channel, "O0")).ApplyAsync(Event("o0-ship", OrderEventType.Shipped));
        await WaitUntilAsync(async () => (await Cluster.ExceptionsAsync(ExceptionCategory.OutOfSequence)).Any(e => e.Channel == channel),
            because: "the parked shipment outlives the parking window and is raised for its channel");

        var figures = await ReconciliationCalculator.ReadAsync(Cluster.GrainFactory, channel, DateOnly.FromDateTime(now.UtcDateTime), DateTimeOffset.UtcNow, []);

        Assert.Equal(4, figures.OrdersCaptured);
        Assert.Equal(new ExceptionRate("order", 1, 4, 0.25), figures.ExceptionRates.Single(r => r.TransactionType == "order"));
        Assert.False(figures.Unavailable.ContainsKey("exceptionRates.order"));
    }

    [Fact]
    public async Task PosTickets_CountOncePerBusinessDay_AResentBatchAndARepeatedTicketIncluded()
    {
        // The POS channel is shared by every store, so a business date of its own keeps the count exact.
        var date = new DateOnly(2000 + Random.Shared.Next(0, 900), 1 + Random.Shared.Next(0, 12), 1 + Random.Shared.Next(0, 28));
        var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        PosTicket Ticket(string id) => new(id, at, [new PosTicketLine(PosLineType.Sale, NewSku(), 1, 10m, 2m)], [new PosTender("cash", 12m)]);
        var store1 = Cluster.GrainFactory.GetGrain<IStoreDayGrain>(new StoreDayKey(Store1, date).ToString());
        var store2 = Cluster.GrainFactory.GetGrain<IStoreDayGrain>(new StoreDayKey(Store2, date).ToString());

        var batch = new PosBatch("b1", [Ticket("T1"), Ticket("T2")]);
        await store1.SubmitBatchAsync(batch);
        await store1.SubmitBatchAsync(batch); // re-sent after a lost answer
        await store1.SubmitBatchAsync(new PosBatch("b2", [batch.Tickets[1], Ticket("T3")])); // T2 again: a duplicate
        await store2.SubmitBatchAsync(new PosBatch("b1", [Ticket("T1")])); // another store's T1 is another ticket

        Assert.Equal(4, (await Figures("pos", date).GetAsync()).Count(FigureKind.StoreTicketsRecorded));
        var figures = await ReconciliationCalculator.ReadAsync(Cluster.GrainFactory, "pos", date, DateTimeOffset.UtcNow, []);
        Assert.Equal(4, figures.ExceptionRates.Single(r => r.TransactionType == "store-sale").Transactions);
        Assert.False(figures.Unavailable.ContainsKey("exceptionRates.store-sale"));
    }
}
