using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Parity.Gateway.Tests.Testing;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Orders;

namespace Parity.Gateway.Tests.Orders;

/// <summary>Gateway hosts for the order tests: web sources from STORE-1 then DC-1, marketplace from DC-1 only, store from
/// STORE-1 only; a catalog that knows no SKU starting
/// with UNKNOWN and no location starting with NOWHERE; Shopify locations mapped to DC-1 and STORE-2.</summary>
internal static class OrdersGateway
{
    public const string ShopifySecret = "shpss_test_secret_0001";

    /// <summary>A gateway over a new cluster, or over <paramref name="clusterOf"/>'s cluster.</summary>
    public static Task<GatewayHost> StartAsync(bool signedShopify = false, GatewayHost? clusterOf = null, Action<GatewayHostOptions>? configure = null) => GatewayHost.StartAsync(o =>
    {
        // The silos bind OrderOptions from Parity:Orders, as a real silo does.
        o.SiloSettings[$"{OrderOptions.SectionName}:ParkingWindow"] = "00:05:00";
        o.SiloSettings[$"{OrderOptions.SectionName}:Sourcing:Channels:web:0"] = "STORE-1";
        o.SiloSettings[$"{OrderOptions.SectionName}:Sourcing:Channels:web:1"] = "DC-1";
        o.SiloSettings[$"{OrderOptions.SectionName}:Sourcing:Channels:shopify:0"] = "DC-1";
        o.SiloSettings[$"{OrderOptions.SectionName}:Sourcing:Channels:shopify:1"] = "STORE-1";
        o.SiloSettings[$"{OrderOptions.SectionName}:Sourcing:Channels:marketplace:0"] = "DC-1";
        o.SiloSettings[$"{OrderOptions.SectionName}:Sourcing:Channels:store:0"] = "STORE-1";
        o.SiloSettings[$"{OrderOptions.SectionName}:PaymentProviders:marketplace"] = "amazon";
        o.ClusterOf = clusterOf;
        o.ConfigureServices = s => s.AddSingleton<ICatalogCheck, PrefixCatalog>();
        o.Settings["Gateway:Shopify:Locations:61000000001"] = "DC-1";
        o.Settings["Gateway:Shopify:Locations:61000000002"] = "STORE-2";
        if (signedShopify)
        {
            o.Settings["Gateway:Shopify:WebhookSecret"] = ShopifySecret;
        }

        configure?.Invoke(o);
    });

    public static GrainId OrderGrain(string orderId) => GrainId.Create("order", orderId);

    public static async Task ReceiveAsync(this GatewayHost host, string sku, string location, int quantity)
    {
        var response = await host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{sku}@{location}/receipts",
            new { eventId = "receipt-" + Guid.NewGuid().ToString("N")[..12], quantity, reference = "PO-1" });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<JsonElement> PositionAsync(this GatewayHost host, string sku, string location) =>
        await (await host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{sku}@{location}")).AssertOkAsync();

    public static string NewSku() => $"SKU-{Guid.NewGuid():N}"[..20];

    public static string NewOrderNumber() => $"W{Guid.NewGuid():N}"[..16];

    public static object Order(string channelOrderId, string sku, int quantity = 2, string? eventId = null) => new
    {
        eventId = eventId ?? $"placed-{channelOrderId}",
        channelOrderId,
        currency = "EUR",
        placedAt = "2026-12-01T10:00:00Z",
        customerRef = "C-42",
        shippingCharge = 4.95m,
        lines = new[] { new { lineId = "1", sku, quantity, unitPrice = 19.99m, discount = 0m, tax = 4.00m, taxCode = "VAT20" } },
        payments = new[] { new { method = "card", reference = "pi_123", amount = 48.93m } },
    };

    private sealed class PrefixCatalog : ICatalogCheck
    {
        public ValueTask<CatalogVerdict> CheckAsync(IReadOnlyCollection<PositionKey> positions, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new CatalogVerdict(
                positions.Select(p => p.Sku).Where(s => s.StartsWith("UNKNOWN", StringComparison.Ordinal)).Distinct().ToList(),
                positions.Select(p => p.LocationId).Where(l => l.StartsWith("NOWHERE", StringComparison.Ordinal)).Distinct().ToList()));
    }
}

/// <summary>One order cluster shared by the order tests of the collection, with two gateways over it: one that takes
/// Shopify webhooks with an API key, one that requires Shopify's signature.</summary>
public sealed class OrdersGatewayFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;

    public GatewayHost Signed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await OrdersGateway.StartAsync();
        Signed = await OrdersGateway.StartAsync(signedShopify: true, clusterOf: Host);
    }

    public async Task DisposeAsync()
    {
        await Signed.DisposeAsync();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OrdersGatewayCollection : ICollectionFixture<OrdersGatewayFixture>
{
    public const string Name = "orders-gateway";
}
