using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Parity.Gateway.Tests.Testing;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Tests.Inventory;

/// <summary>A catalog plugged in through <see cref="ICatalogCheck"/> refuses unknown SKUs and locations on every endpoint
/// (a gateway with that catalog over the collection's cluster).</summary>
[Collection(GatewayCollection.Name)]
public sealed class CatalogCheckTests(GatewayFixture fixture) : IAsyncLifetime
{
    private GatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayHost.StartAsync(o =>
    {
        o.ClusterOf = fixture.Host;
        o.ConfigureServices = s => s.AddSingleton<ICatalogCheck>(new KnownCatalog(["SKU-KNOWN"], ["STORE-1", "STORE-2"]));
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task UnknownSku_IsUnprocessable_AndChangesNothing()
    {
        var position = new PositionKey("SKU-UNKNOWN", "STORE-1");
        var response = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "e1", quantity = 1 });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-reference");
        Assert.Contains("SKU-UNKNOWN", problem.FieldErrors("position")[0]);
        Assert.Equal(0, await _host.JournalLengthAsync(position));
    }

    [Fact]
    public async Task UnknownLocationOnAReserveLine_IsUnprocessable_AndChangesNothing()
    {
        var known = new PositionKey("SKU-KNOWN", "STORE-1");
        await (await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{known}/receipts", new { eventId = "e2", quantity = 5 })).AssertOkAsync();
        var events = await _host.JournalLengthAsync(known);
        var body = new
        {
            requestId = "cat-1", orderRef = "o-1", kind = "Order",
            lines = new[] { new { sku = "SKU-KNOWN", locationId = "STORE-1", quantity = 1 }, new { sku = "SKU-KNOWN", locationId = "STORE-404", quantity = 1 } },
        };

        var response = await _host.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/inventory/reservations", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-reference");
        Assert.Contains("STORE-404", problem.FieldErrors("lines[1].locationId")[0]);
        Assert.Equal(events, await _host.JournalLengthAsync(known));
    }

    private sealed class KnownCatalog(string[] skus, string[] locations) : ICatalogCheck
    {
        public ValueTask<CatalogVerdict> CheckAsync(IReadOnlyCollection<PositionKey> positions, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new CatalogVerdict(
                positions.Select(p => p.Sku).Where(s => s.Length > 0 && !skus.Contains(s)).Distinct().ToList(),
                positions.Select(p => p.LocationId).Where(l => l.Length > 0 && !locations.Contains(l)).Distinct().ToList()));
    }
}
