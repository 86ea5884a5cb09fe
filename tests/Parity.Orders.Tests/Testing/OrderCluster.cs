using Microsoft.Extensions.DependencyInjection;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.Grains;
using Parity.Grains.Orders;
using Parity.Runtime;
using Parity.Runtime.Testing;

namespace Parity.Orders.Tests.Testing;

/// <summary>Starts in-process clusters with the real grains, this assembly's posting double and test order options.</summary>
internal static class OrderCluster
{
    public const string Web = "web";
    public const string Store1 = "STORE-1";
    public const string Store2 = "STORE-2";
    public const string Dc1 = "DC-1";

    public static Task<TestCluster> StartAsync(Action<OrderOptions>? configure = null) =>
        TestCluster.StartAsync(1, o =>
        {
            o.GrainAssemblies.Add(typeof(GrainsAssembly).Assembly);
            o.GrainAssemblies.Add(typeof(OrderCluster).Assembly);
            o.ConfigureSilo = silo => silo.Services.Configure<OrderOptions>(options =>
            {
                options.ParkingWindow = TimeSpan.FromSeconds(2);
                options.PostingRetryPeriod = TimeSpan.FromMilliseconds(100);
                options.LegalEntities[Store2] = "retail-store-co";
                options.PaymentProviders[$"{Web}/card"] = "stripe";
                options.Sourcing.Version = "test-v1";
                options.Sourcing.MaxSplits = 2;
                options.Sourcing.Channels[Web] = [Store1, Dc1];
                configure?.Invoke(options);
            });
        });

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

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {because}.");
            }

            await Task.Delay(20);
        }
    }

    public static void SetCorrelation(string correlationId, string? sourceSystem = null)
    {
        RequestContext.Clear();
        RequestContext.CorrelationId = correlationId;
        RequestContext.SourceSystem = sourceSystem;
    }
}

/// <summary>One cluster shared by the tests of a class; each test uses its own SKUs and orders.</summary>
public sealed class OrderClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await OrderCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
