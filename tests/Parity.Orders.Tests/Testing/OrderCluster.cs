using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.Grains.Inventory;
using Parity.Grains.Orders;
using Parity.Providers.Journal;

namespace Parity.Orders.Tests.Testing;

/// <summary>The test order options, and what the order tests do with a cluster.</summary>
internal static class OrderCluster
{
    public const string Web = "web";
    public const string Store1 = "STORE-1";
    public const string Store2 = "STORE-2";
    public const string Dc1 = "DC-1";

    /// <summary>Web sources from STORE-1 then DC-1 (at most 2 splits); a 2 s parking window; fast posting retries.</summary>
    public static void Configure(OrderOptions options)
    {
        options.ParkingWindow = TimeSpan.FromSeconds(2);
        options.PostingRetryPeriod = TimeSpan.FromMilliseconds(100);
        options.LegalEntities[Store2] = "retail-store-co";
        options.PaymentProviders[$"{Web}/card"] = "stripe";
        options.Sourcing.Version = "test-v1";
        options.Sourcing.MaxSplits = 2;
        options.Sourcing.Channels[Web] = [Store1, Dc1];
    }

    /// <summary>Positions audit their order holds every 200 ms and release unknown ones older than 2 s.</summary>
    public static void Configure(OrderHoldAuditOptions options)
    {
        options.Period = TimeSpan.FromMilliseconds(200);
        options.GracePeriod = TimeSpan.FromSeconds(2);
    }

    public static string NewSku() => $"SKU-{Guid.NewGuid():N}";

    public static string NewChannelOrderId() => $"W{Guid.NewGuid():N}";

    public static IInventoryPositionGrain Position(this TestCluster cluster, string sku, string location) =>
        cluster.GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(sku, location).ToString());

    public static async Task ReceiveAsync(this TestCluster cluster, string sku, string location, int quantity) =>
        await cluster.Position(sku, location).ReceiveAsync($"receipt-{Guid.NewGuid():N}", quantity, "PO-1");

    public static async Task<PositionFigures> FiguresAsync(this TestCluster cluster, string sku, string location) =>
        (await cluster.Position(sku, location).GetPositionAsync()).Figures;

    public static IOrderGrain Order(this TestCluster cluster, string orderId) => cluster.GrainFactory.GetGrain<IOrderGrain>(orderId);

    public static PlaceOrder Placement(string channelOrderId, params OrderLine[] lines) =>
        new($"placed-{channelOrderId}", Web, channelOrderId, "EUR", DateTimeOffset.UtcNow, lines, ShippingCharge: 4.95m,
            CustomerRef: "C-1", Payments: [new OrderPayment("card", "pi_1", 100m)]);

    public static OrderLine Line(string lineId, string sku, int quantity, decimal unitPrice = 10m) => new(lineId, sku, quantity, unitPrice, Tax: 2m * quantity, TaxCode: "VAT20");

    public static OrderCommand Event(string eventId, OrderEventType type, IReadOnlyList<OrderCommandLine>? lines = null,
        string? location = null, decimal? amount = null, PlaceOrder? replacement = null) =>
        new(eventId, type, DateTimeOffset.UtcNow, lines, location, amount, "card", $"ref-{eventId}", null, replacement);

    public static async Task<IReadOnlyList<ExceptionRecord>> ExceptionsAsync(this TestCluster cluster, ExceptionCategory category) =>
        await cluster.GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).GetAsync(category);

    /// <summary>The fault-injecting journal storage of the primary silo (the test silos turn <c>InjectFaults</c> on).</summary>
    public static FaultInjectingJournalStorage Faults(this TestCluster cluster) =>
        (FaultInjectingJournalStorage)(cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The cluster has no in-process primary silo."))
            .SiloHost.Services.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (elapsed.Elapsed > limit)
            {
                throw new TimeoutException($"Condition not met in time: {because}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Sets the lineage a channel request carries (what the gateway puts in Orleans' request context).</summary>
    public static void SetCorrelation(string correlationId, string? sourceSystem = null)
    {
        RequestContext.Clear();
        ParityRequestContext.CorrelationId = correlationId;
        ParityRequestContext.SourceSystem = sourceSystem;
    }
}
