using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Orders;
using Parity.Grains.Orders;
using Parity.Providers.Journal;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Orders;

/// <summary>Issue 17, fix 3: an order whose journal already holds amounts that overflow its figures (written before the
/// bounds) still answers its reads, naming the problem, and the exception console gets one entry naming the order.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class PoisonedOrderTests(OrdersGatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task AnOrderWhoseCapturesOverflow_StillAnswers_NamingTheProblem_AndRaisesOneException()
    {
        var number = NewOrderNumber();
        var orderId = $"web:{number}";
        var huge = 50_000_000_000_000_000_000_000_000_000m;
        var order = new PlaceOrder("placed-" + number, "web", number, "EUR", DateTimeOffset.UtcNow, [new OrderLine("1", NewSku(), 1, 10m)]);
        OrderEvent[] events =
        [
            new OrderPlaced(order),
            new PaymentAuthorized("auth-1", huge, "card", null),
            new PaymentAuthorized("auth-2", huge, "card", null),
        ];
        var metadata = new EventMetadata("corr-poison", null, "web", null, DateTimeOffset.UtcNow);
        await _host.Journal.AppendAsync(OrderGrain(orderId), 0, events.Select((e, i) =>
            new JournalEntry(i + 1, e.GetType().Name, JsonSerializer.Serialize(e, ParityJournal.DefaultJsonOptions), metadata)).ToList());

        var view = await (await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/orders/{orderId}")).AssertOkAsync();
        await (await _host.Client(GatewayHost.WebKey).GetAsync($"/v1/orders/{orderId}")).AssertOkAsync();

        Assert.Equal(orderId, view.GetProperty("orderId").GetString());
        Assert.Contains("auth-2", Assert.Single(view.GetProperty("problems").EnumerateArray()).GetString(), StringComparison.Ordinal);
        var raised = (await _host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).GetAsync())
            .Where(r => r.Message.Contains(orderId, StringComparison.Ordinal)).ToList();
        Assert.Contains("auth-2", Assert.Single(raised).Message, StringComparison.Ordinal);
    }
}
