using System.Text.Json;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    internal static PlaceOrder Order => new(
        "evt-1",
        "web",
        "1001",
        "EUR",
        At,
        [new OrderLine("L1", "SKU-123", 2, 19.99m, 1.00m, 3.80m, "VAT21"), new OrderLine("L2", "SKU-9", 1, 5.50m, 0.25m, 0.48m, "VAT9")],
        4.95m,
        "C-9",
        [new OrderPayment("card", "pi_1", 39.98m), new OrderPayment("gift-card", "GC-7", 10.00m)],
        "web:1000",
        new Dictionary<string, string> { ["utm_source"] = "newsletter", ["gift"] = "yes" });

    private static IEnumerable<ContractSample> Orders()
    {
        AllocationView[] allocations = [new("DC-1", 2, "res-1", "rules-7", "Active"), new("STORE-042", 1, "res-2", "rules-7", "Shipped")];
        OrderLineView[] lines =
        [
            new("L1", "SKU-123", 3, 1, 1, 1, 1, 1, 1, allocations),
            new("L2", "SKU-9", 2, 1, 1, 0, 0, 0, 0, allocations[..1]),
        ];
        using var document = JsonDocument.Parse("""{"$type":"payment-captured","amount":39.98,"tender":"card"}""");

        yield return ContractSample.Of(Order.Lines[0]);
        yield return ContractSample.Of(Order.Payments![0]);
        yield return ContractSample.Of(Order);
        yield return ContractSample.Of(new OrderCommandLine("L1", 1, ReturnDisposition.NotRestocked));
        yield return ContractSample.Of(new OrderCommand(
            "evt-5",
            OrderEventType.Exchanged,
            Later,
            [new OrderCommandLine("L1", 1, ReturnDisposition.NotRestocked), new OrderCommandLine("L2", 1, ReturnDisposition.Missing)],
            "STORE-042",
            19.99m,
            "card",
            "RMA-1",
            "wrong size",
            Order with { EventId = "evt-6", ChannelOrderId = "1001-X" }));
        yield return ContractSample.Of(new OrderOutcome("web:1001", "evt-5", EventDisposition.Parked, OrderStatus.PartiallyShipped, "waiting for payment"));
        yield return ContractSample.Of(allocations[0]);
        yield return ContractSample.Of(lines[0]);
        yield return ContractSample.Of(new OrderView(
            "web:1001", "web", OrderStatus.PartiallyReturned, "EUR", At, lines, 49.98m, 39.98m, 19.99m, ["evt-8", "evt-9"], "web:1000",
            ["web:1001-X", "web:1001-Y"], 9));
        yield return ContractSample.Of(new OrderView(
            "web:1002", "web", OrderStatus.Delivered, "EUR", At, lines, 49.98m, 49.98m, 19.99m, [], null, [], 11, PartiallyRefunded: true), "partially-refunded");
        yield return ContractSample.Of(new OrderView(
            "web:1001-X", "web", OrderStatus.Allocated, "EUR", At, lines, 28.94m, 21.99m, 0m, [], "web:1001", [], 6, ExchangeCredit: 21.99m, ExchangeCreditGiven: 5m), "exchange");
        yield return ContractSample.Of(new OrderView(
            "web:1003", "web", OrderStatus.Allocated, "EUR", At, lines, 49.98m, 0m, 0m, [], null, [], 4,
            Problems: ["Event 'auth-2' (PaymentAuthorized) holds amounts beyond the money bounds.", "Event 'cap-2' (PaymentCaptured) holds amounts beyond the money bounds."]), "problems");
        yield return ContractSample.Of(new OrderHistoryEntry(7, "PaymentCaptured", Later, "corr-1", "evt-4", "shopify", "evt-5", document.RootElement.Clone()));
        yield return ContractSample.Of(EventDisposition.Parked);
        yield return ContractSample.Of(OrderEventType.Exchanged);
        yield return ContractSample.Of(OrderStatus.PartiallyShipped);
        yield return ContractSample.Of(WithData(new OrderTransitionException("Lines L1 shipped: they cannot be cancelled.")));
        yield return ContractSample.Of(WithData(new OrderValidationException("Line L7 is not on order web:1001.")));
        yield return ContractSample.Of(WithData(new OrderNotFoundException("No order web:404 was placed.")));
        yield return ContractSample.Of(WithData(new Parity.GrainInterfaces.IdReusedException(
            "order web:1001", "Event id", "auth-1", "a PaymentAuthorized (amount 48.93)", "a PaymentAuthorized (amount 99.00)")));
        yield return ContractSample.Of(new StoreReturn("pos:STORE-042:2026-03-14:T-77:0", "STORE-042", "T-77", "L1", "SKU-123", 2, ReturnDisposition.NotRestocked, Later));
        yield return ContractSample.Of(new StoreReturnProblem(StoreReturnField.Sku, "Line 'L1' of order web:1001 is SKU SKU-123, not SKU-9."));
        yield return ContractSample.Of(StoreReturnField.Quantity);
    }
}
