using Parity.Gateway.Orders.Contracts;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Orders;

namespace Parity.Gateway.Orders;

/// <summary>Checks canonical order JSON field by field (every error named by its field) and maps it to the grain's
/// records. Nothing reaches a grain unless the validator found nothing.</summary>
internal static class OrderRequestMapper
{
    /// <summary>Most lines one order may carry.</summary>
    public const int MaxLines = 200;

    public static PlaceOrder Place(RequestValidator v, PlaceOrderRequest body, string channel, DateTimeOffset now, string prefix = "")
    {
        var channelOrderId = v.Id(body.ChannelOrderId, prefix + "channelOrderId");
        var eventId = v.OptionalId(body.EventId, prefix + "eventId") ?? $"placed:{channelOrderId}";
        var currency = v.Currency(body.Currency, prefix + "currency");
        var shipping = v.Money(body.ShippingCharge, prefix + "shippingCharge", currency, required: false);

        var lines = new List<OrderLine>();
        if (body.Lines is not { Count: > 0 })
        {
            v.Fail(prefix + "lines", $"'{prefix}lines' must hold at least one line.");
        }
        else if (body.Lines.Count > MaxLines)
        {
            v.Fail(prefix + "lines", $"'{prefix}lines' may hold at most {MaxLines} lines.");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < body.Lines.Count; i++)
            {
                var field = $"{prefix}lines[{i}]";
                if (body.Lines[i] is not { } line)
                {
                    v.Fail(field, $"'{field}' must be an object with lineId, sku, quantity and unitPrice.");
                    continue;
                }

                var lineId = v.Id(line.LineId, field + ".lineId");
                if (lineId.Length > 0 && !seen.Add(lineId))
                {
                    v.Fail(field + ".lineId", $"Line id '{lineId}' appears twice.");
                }

                var sku = v.Sku(line.Sku, field + ".sku");
                var quantity = v.Positive(line.Quantity, field + ".quantity");
                // Unit prices may carry two decimals more than the currency (e.g. 0.0125 per unit); totals may not.
                var unitPrice = v.Money(line.UnitPrice, field + ".unitPrice", currency, extraDecimals: 2);
                var discount = v.Money(line.Discount, field + ".discount", currency, required: false);
                var tax = v.Money(line.Tax, field + ".tax", currency, required: false);
                if (discount > 0 && quantity is > 0 and <= Limits.MaxLineQuantity && unitPrice <= Limits.MaxAmount && discount > unitPrice * quantity)
                {
                    v.Fail(field + ".discount", $"'{field}.discount' must not exceed the line's price (unitPrice × quantity = {unitPrice * quantity}); {discount} was sent.");
                }
                var taxCode = v.Reference(line.TaxCode, field + ".taxCode", required: false, maxLength: 32);
                lines.Add(new OrderLine(lineId, sku, quantity, unitPrice, discount, tax, taxCode));
            }
        }

        var payments = new List<OrderPayment>();
        for (var i = 0; i < (body.Payments?.Count ?? 0); i++)
        {
            var field = $"{prefix}payments[{i}]";
            if (body.Payments![i] is not { } payment)
            {
                v.Fail(field, $"'{field}' must be an object with method and amount.");
                continue;
            }

            payments.Add(new OrderPayment(
                v.Reference(payment.Method, field + ".method", maxLength: 32)!, v.Reference(payment.Reference, field + ".reference", required: false),
                v.Money(payment.Amount, field + ".amount", currency)));
            if (payment.Status is not (null or "authorized" or "captured"))
            {
                v.Fail(field + ".status", $"'{field}.status' must be authorized or captured when given.");
            }
        }

        // Every payment taken at checkout becomes one PaymentAuthorized of their sum: the sum is bounded too, so an
        // order is refused whole rather than placed and then failing on its payment.
        var taken = (body.Payments ?? []).Where(p => p?.Status is "authorized" or "captured")
            .Sum(p => Math.Min(Math.Abs(p!.Amount ?? 0m), Limits.MaxAmount + 1));
        if (taken > Limits.MaxAmount)
        {
            v.Fail(prefix + "payments", $"The payments taken at checkout add up to more than {Limits.MaxAmount:N2}; send fewer or smaller payments.");
        }

        v.Reference(body.CustomerRef, prefix + "customerRef", required: false);
        v.Metadata(body.Metadata, prefix + "metadata");
        return new PlaceOrder(eventId, channel, channelOrderId, currency ?? "", body.PlacedAt ?? now, lines, shipping, body.CustomerRef,
            payments, null, body.Metadata);
    }

    /// <summary>The payment events a placement carries: PaymentAuthorized for tenders authorized or captured at
    /// checkout, PaymentCaptured for those captured; ids derived from the placement's event id.</summary>
    public static IReadOnlyList<OrderCommand> CheckoutPayments(PlaceOrderRequest body, PlaceOrder order)
    {
        var taken = (body.Payments ?? []).Where(p => p?.Status is "authorized" or "captured").ToList();
        if (taken.Count == 0)
        {
            return [];
        }

        var tender = taken[0]!.Method;
        var events = new List<OrderCommand>
        {
            new($"{order.EventId}:authorized", OrderEventType.PaymentAuthorized, order.PlacedAt, Amount: taken.Sum(p => p!.Amount ?? 0m), Tender: tender,
                Reference: taken[0]!.Reference),
        };
        var captured = taken.Where(p => p!.Status == "captured").ToList();
        if (captured.Count > 0)
        {
            events.Add(new($"{order.EventId}:captured", OrderEventType.PaymentCaptured, order.PlacedAt, Amount: captured.Sum(p => p!.Amount ?? 0m),
                Tender: tender, Reference: captured[0]!.Reference));
        }

        return events;
    }

    public static OrderCommand Event(RequestValidator v, OrderEventRequest body, string channel, DateTimeOffset now)
    {
        var eventId = v.Id(body.EventId, "eventId");
        var type = v.Required(body.Type, "type");
        var lines = new List<OrderCommandLine>();
        for (var i = 0; i < (body.Lines?.Count ?? 0); i++)
        {
            var field = $"lines[{i}]";
            if (body.Lines![i] is not { } line)
            {
                v.Fail(field, $"'{field}' must be an object with lineId and quantity.");
                continue;
            }

            var lineId = v.Id(line.LineId, field + ".lineId");
            var quantity = v.Positive(line.Quantity, field + ".quantity");
            if (line.Disposition is { } d && !Enum.IsDefined(d))
            {
                v.Fail(field + ".disposition", $"'{field}.disposition' must be Restock, NotRestocked, ProcessingRequired or Missing.");
            }

            if (type is OrderEventType.ReturnReceived or OrderEventType.Exchanged && line.Disposition is null)
            {
                v.Fail(field + ".disposition", $"'{field}.disposition' is required for a return: Restock, NotRestocked, ProcessingRequired or Missing.");
            }

            lines.Add(new OrderCommandLine(lineId, quantity, line.Disposition));
        }

        if (type is OrderEventType.ReturnReceived && lines.Count == 0)
        {
            v.Fail("lines", "A return needs its lines, each with a disposition.");
        }

        var location = body.LocationId is null ? null : v.Location(body.LocationId, "locationId");
        // The order's currency is the grain's to know; the gateway bounds the range and the finest currency (3 decimals).
        var amount = body.Amount is null ? (decimal?)null : v.Money(body.Amount, "amount", currency: null);
        if (amount is { } a && decimal.Round(a, 3) != a)
        {
            v.Fail("amount", $"'amount' has more decimals than any currency allows; {a} was sent.");
        }
        if (type is OrderEventType.Refunded && body.Amount is not > 0)
        {
            v.Fail("amount", "A refund needs a positive 'amount'.");
        }

        v.Reference(body.Tender, "tender", required: false, maxLength: 32);
        v.Reference(body.Reference, "reference", required: false);
        v.Text(body.Reason, "reason");
        PlaceOrder? replacement = null;
        if (type is OrderEventType.Exchanged)
        {
            if (body.Replacement is null)
            {
                v.Fail("replacement", "An exchange needs its 'replacement' order.");
            }
            else
            {
                // The replacement belongs to the order's channel; another channel's order is refused, never placed as this one's.
                if (body.Replacement.Channel is { } other && other != channel)
                {
                    v.Fail("replacement.channel", $"'replacement.channel' must be the order's channel '{channel}' (or left out); '{other}' was sent.");
                }

                replacement = Place(v, body.Replacement, channel, now, "replacement.");
            }
        }

        return new OrderCommand(eventId, type, body.OccurredAt ?? now, lines.Count == 0 ? null : lines, location, amount,
            body.Tender, body.Reference, body.Reason, replacement);
    }
}
