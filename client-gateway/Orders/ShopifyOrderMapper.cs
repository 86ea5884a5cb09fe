using System.Globalization;
using System.Text.Json;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;

namespace Parity.Gateway.Orders;

/// <summary>
/// Maps Shopify's order webhooks (REST JSON, snake_case) to canonical order records. Event ids are derived from
/// Shopify's own ids (order, fulfillment, refund), so a redelivered webhook changes nothing. Shopify line item ids
/// become the canonical line ids. Tax line titles and payment gateways become Parity tax codes and tenders by
/// <see cref="ShopifyOptions.TaxCodes"/>, <see cref="ShopifyOptions.DefaultTaxCode"/> and <see cref="ShopifyOptions.Tenders"/>,
/// so posting rules map them. Anything that cannot be mapped throws <see cref="ShopifyMappingException"/> naming the field.
/// </summary>
internal sealed class ShopifyOrderMapper(string channel, ShopifyOptions options)
{
    private readonly IReadOnlyDictionary<string, string> _locations = options.Locations;
    private readonly Dictionary<string, string> _taxCodes = TaxCodeKeys(options.TaxCodes);

    /// <summary>The topics the adapter understands.</summary>
    public static readonly IReadOnlyList<string> Topics = ["orders/create", "orders/cancelled", "fulfillments/create", "refunds/create"];

    /// <summary>What one webhook asks of one order: an optional placement, then events in order.</summary>
    public sealed record Mapped(string OrderId, PlaceOrder? Place, IReadOnlyList<OrderCommand> Events, IReadOnlyList<string> Skus, IReadOnlyList<string> Locations);

    public Mapped Map(string topic, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ShopifyMappingException("", "The webhook body must be a JSON object.");
        }

        return topic switch
        {
            "orders/create" => OrderCreated(root),
            "orders/cancelled" => OrderCancelled(root),
            "fulfillments/create" => FulfillmentCreated(root),
            "refunds/create" => RefundCreated(root),
            _ => throw new ShopifyMappingException("topic", $"Topic '{topic}' is not handled; send one of {string.Join(", ", Topics)}."),
        };
    }

    private Mapped OrderCreated(JsonElement order)
    {
        var id = Id(order, "id");
        var orderId = OrderId.Of(channel, id);
        var currency = String(order, "currency");
        if (!Limits.IsCurrency(currency))
        {
            throw new ShopifyMappingException("currency", $"'currency' must be an ISO 4217 currency code Parity accepts, such as EUR or USD; '{currency}' was sent.");
        }

        // Every figure within the money bounds and with no more decimals than the currency has (unit prices 2 more).
        decimal InCurrency(decimal amount, string field, int extraDecimals = 0) =>
            Limits.AmountProblem(amount, field, currency, extraDecimals) is { } problem ? throw new ShopifyMappingException(field, problem) : amount;
        var placedAt = Time(order, "created_at") ?? DateTimeOffset.UtcNow;
        var lines = new List<OrderLine>();
        var items = Array(order, "line_items", required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"line_items[{i}]";
            var item = items[i];
            var sku = OptionalString(item, "sku", field);
            if (string.IsNullOrWhiteSpace(sku))
            {
                throw new ShopifyMappingException($"{field}.sku", $"Line item {i} has no SKU; give the product variant a SKU in Shopify.");
            }

            var tax = 0m;
            var taxCodes = new List<string?>();
            var taxLines = Array(item, "tax_lines", required: false, $"{field}.");
            for (var t = 0; t < taxLines.Count; t++)
            {
                var price = InCurrency(Money(taxLines[t], "price", $"{field}.tax_lines[{t}]."), $"{field}.tax_lines[{t}].price");
                tax += price;
                if (price != 0 || t == 0)
                {
                    taxCodes.Add(TaxCode(taxLines[t], $"{field}.tax_lines[{t}]"));
                }
            }

            // A line carries one tax code. Tax lines that map to different codes (a Canadian GST and PST mapped apart)
            // make a combined code, e.g. "GST+PST", that no default rule maps: the journal is held rather than booked
            // under one of them.
            var codes = taxCodes.Where(c => c is not null).Select(c => c!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var taxCode = codes.Count == 0 ? null : string.Join('+', codes);

            var quantity = Quantity(item, "quantity", field + ".");
            var unitPrice = InCurrency(Money(item, "price", field + "."), field + ".price", extraDecimals: 2);
            var discount = InCurrency(OptionalMoney(item, "total_discount", field + "."), field + ".total_discount");
            if (discount > unitPrice * quantity)
            {
                throw new ShopifyMappingException(field + ".total_discount", $"'{field}.total_discount' must not exceed the line's price × quantity.");
            }

            lines.Add(new OrderLine(Id(item, "id", field + "."), sku, quantity, unitPrice, discount, InCurrency(tax, field + ".tax_lines"), taxCode));
        }

        var shipping = 0m;
        var shippingLines = Array(order, "shipping_lines", required: false);
        for (var i = 0; i < shippingLines.Count; i++)
        {
            shipping += InCurrency(Money(shippingLines[i], "price", $"shipping_lines[{i}]."), $"shipping_lines[{i}].price");
        }

        InCurrency(shipping, "shipping_lines");
        var total = InCurrency(OptionalMoney(order, "total_price", ""), "total_price");
        var gateway = Tender(Gateway(order));
        var customer = order.TryGetProperty("customer", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("id", out var cid)
            ? cid.ToString() : null;
        var place = new PlaceOrder($"shopify:orders/create:{id}", channel, id, currency, placedAt, lines, shipping, customer,
            [new OrderPayment(gateway ?? "shopify", null, total)], null,
            new Dictionary<string, string> { ["shopify.name"] = OptionalString(order, "name", "") ?? "" });

        // Shopify reports payment in the order itself: authorized, or paid (authorized and captured).
        var events = new List<OrderCommand>();
        var financial = OptionalString(order, "financial_status", "");
        if (financial is "authorized" or "paid" or "partially_paid")
        {
            events.Add(new OrderCommand($"shopify:{id}:authorized", OrderEventType.PaymentAuthorized, placedAt, Amount: total, Tender: gateway));
        }

        if (financial is "paid")
        {
            events.Add(new OrderCommand($"shopify:{id}:captured", OrderEventType.PaymentCaptured, placedAt, Amount: total, Tender: gateway));
        }

        return new Mapped(orderId, place, events, lines.Select(l => l.Sku).ToList(), []);
    }

    // Shopify puts the refunds of a cancellation (the money given back, the items restocked or not) in the cancelled
    // order itself and sends each again as refunds/create, in either order. The refunds map to the same events, under
    // the same ids, as their refunds/create, so whichever arrives second changes nothing. The whole-order cancellation
    // goes first: a refund's cancelled items are then already cancelled and the gateway sends nothing for them.
    private Mapped OrderCancelled(JsonElement order)
    {
        var id = Id(order, "id");
        var at = Time(order, "cancelled_at") ?? DateTimeOffset.UtcNow;
        var reason = OptionalString(order, "cancel_reason", "");
        var events = new List<OrderCommand> { new($"shopify:orders/cancelled:{id}", OrderEventType.Cancelled, at, Reason: reason) };
        var locations = new List<string>();
        var refunds = Array(order, "refunds", required: false);
        for (var i = 0; i < refunds.Count; i++)
        {
            var (refundEvents, refundLocation) = Refund(refunds[i], $"refunds[{i}].");
            events.AddRange(refundEvents);
            if (refundLocation is not null)
            {
                locations.Add(refundLocation);
            }
        }

        return new Mapped(OrderId.Of(channel, id), null, events, [], locations);
    }

    private Mapped FulfillmentCreated(JsonElement fulfillment)
    {
        var fulfillmentId = Id(fulfillment, "id");
        var orderId = Id(fulfillment, "order_id");
        var location = Location(fulfillment, "location_id", "");
        var lines = new List<OrderCommandLine>();
        var items = Array(fulfillment, "line_items", required: true);
        for (var i = 0; i < items.Count; i++)
        {
            lines.Add(new OrderCommandLine(Id(items[i], "id", $"line_items[{i}]."), Quantity(items[i], "quantity", $"line_items[{i}].")));
        }

        var tracking = OptionalString(fulfillment, "tracking_number", "");
        var at = Time(fulfillment, "created_at") ?? DateTimeOffset.UtcNow;
        return new Mapped(OrderId.Of(channel, orderId), null,
            [new OrderCommand($"shopify:fulfillment:{fulfillmentId}", OrderEventType.Shipped, at, lines, location, Reference: tracking ?? $"fulfillment-{fulfillmentId}")],
            [], location is null ? [] : [location]);
    }

    private Mapped RefundCreated(JsonElement refund)
    {
        var (events, returnLocation) = Refund(refund, "");
        var orderId = Id(refund, "order_id");
        if (events.Count == 0)
        {
            throw new ShopifyMappingException("refund_line_items", "The refund has no line items and no successful refund transaction; nothing to apply.");
        }

        return new Mapped(OrderId.Of(channel, orderId), null, events, [], returnLocation is null ? [] : [returnLocation]);
    }

    // One Shopify refund object (refunds/create, or an entry of a cancelled order's refunds; field names in errors start
    // with prefix): its cancelled and returned items and the money given back, with ids derived from the refund's id.
    private (List<OrderCommand> Events, string? ReturnLocation) Refund(JsonElement refund, string prefix)
    {
        var refundId = Id(refund, "id", prefix);
        var at = Time(refund, "created_at") ?? DateTimeOffset.UtcNow;
        var note = OptionalString(refund, "note", prefix);
        var returned = new List<OrderCommandLine>();
        var cancelled = new List<OrderCommandLine>();
        string? returnLocation = null;
        var items = Array(refund, "refund_line_items", required: false, prefix);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"{prefix}refund_line_items[{i}].";
            var lineId = Id(items[i], "line_item_id", field);
            var quantity = Quantity(items[i], "quantity", field);
            var restock = OptionalString(items[i], "restock_type", field) ?? "no_restock";
            switch (restock)
            {
                case "cancel":
                    cancelled.Add(new OrderCommandLine(lineId, quantity));
                    break;
                case "return" or "legacy_restock":
                    returned.Add(new OrderCommandLine(lineId, quantity, ReturnDisposition.Restock));
                    returnLocation ??= Location(items[i], "location_id", field);
                    break;
                case "no_restock":
                    returned.Add(new OrderCommandLine(lineId, quantity, ReturnDisposition.NotRestocked));
                    break;
                default:
                    throw new ShopifyMappingException($"{field}restock_type", $"restock_type '{restock}' is not one of return, cancel, no_restock, legacy_restock.");
            }
        }

        var refunded = 0m;
        string? tender = null;
        var transactions = Array(refund, "transactions", required: false, prefix);
        for (var i = 0; i < transactions.Count; i++)
        {
            var t = transactions[i];
            var field = $"{prefix}transactions[{i}]";
            if (OptionalString(t, "kind", field) == "refund" && OptionalString(t, "status", field) is null or "success")
            {
                refunded += Money(t, "amount", field + ".");
                tender ??= Tender(OptionalString(t, "gateway", field));
            }
        }

        var events = new List<OrderCommand>();
        if (cancelled.Count > 0)
        {
            events.Add(new OrderCommand($"shopify:refund:{refundId}:cancel", OrderEventType.Cancelled, at, cancelled, Reason: note));
        }

        if (returned.Count > 0)
        {
            events.Add(new OrderCommand($"shopify:refund:{refundId}:return", OrderEventType.ReturnReceived, at, returned, returnLocation,
                Reference: $"refund-{refundId}", Reason: note));
        }

        if (refunded > 0)
        {
            events.Add(new OrderCommand($"shopify:refund:{refundId}:refund", OrderEventType.Refunded, at, Amount: refunded, Tender: tender,
                Reference: $"refund-{refundId}", LocationId: returnLocation));
        }

        return (events, returnLocation);
    }

    private string? Location(JsonElement e, string name, string prefix)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var shopifyId = value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? value.ToString() : throw Wrong(prefix + name, "a location id");
        if (_locations.Count == 0)
        {
            // No mapping configured: the order ships from and restocks to its own allocations.
            return null;
        }

        return _locations.TryGetValue(shopifyId, out var mapped)
            ? mapped
            : throw new ShopifyMappingException(prefix + name, $"Shopify location {shopifyId} is not mapped to a Parity location (Gateway:Shopify:Locations).");
    }

    // A tax line's Parity tax code: its title at its rate, its title, the default code, or (no default) the title itself.
    private string? TaxCode(JsonElement taxLine, string prefix)
    {
        var title = OptionalString(taxLine, "title", prefix)?.Trim();
        if (!string.IsNullOrEmpty(title))
        {
            if (taxLine.TryGetProperty("rate", out var rate) && rate.ValueKind == JsonValueKind.Number && rate.TryGetDecimal(out var fraction)
                && _taxCodes.TryGetValue(TaxCodeKey(title, fraction), out var byRate))
            {
                return byRate;
            }

            if (_taxCodes.TryGetValue(title, out var byTitle))
            {
                return byTitle;
            }
        }

        return string.IsNullOrWhiteSpace(options.DefaultTaxCode) ? (string.IsNullOrEmpty(title) ? null : title) : options.DefaultTaxCode.Trim();
    }

    // The configured keys with their rates written one way ("FR TVA@0.055", "GB VAT@0.2"), so "0.20" matches Shopify's
    // 0.2; keys mapped to nothing are left out (the title is then unmapped).
    private static Dictionary<string, string> TaxCodeKeys(Dictionary<string, string> configured)
    {
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, code) in configured)
        {
            if (string.IsNullOrWhiteSpace(code))
            {
                continue;
            }

            var at = key.LastIndexOf('@');
            keys[at > 0 && decimal.TryParse(key[(at + 1)..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)
                ? TaxCodeKey(key[..at].Trim(), rate)
                : key.Trim()] = code.Trim();
        }

        return keys;
    }

    private static string TaxCodeKey(string title, decimal rate) =>
        $"{title}@{rate.ToString("0.############################", CultureInfo.InvariantCulture)}";

    // A payment gateway's Parity tender: its mapping, or (unmapped, or mapped to nothing) the gateway's own name.
    private string? Tender(string? gateway) =>
        gateway is not null && options.Tenders.TryGetValue(gateway.Trim(), out var tender) && !string.IsNullOrWhiteSpace(tender) ? tender.Trim() : gateway;

    private static string? Gateway(JsonElement order)
    {
        if (OptionalString(order, "gateway", "") is { Length: > 0 } gateway)
        {
            return gateway;
        }

        return order.TryGetProperty("payment_gateway_names", out var names) && names.ValueKind == JsonValueKind.Array && names.GetArrayLength() > 0
            ? names[0].GetString()
            : null;
    }

    private static string Id(JsonElement e, string name, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ShopifyMappingException(prefix + name, $"'{prefix + name}' is required.");
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) && n > 0 => n.ToString(CultureInfo.InvariantCulture),
            JsonValueKind.String when value.GetString() is { Length: > 0 and <= 40 } s && s.All(char.IsAsciiLetterOrDigit) => s,
            _ => throw Wrong(prefix + name, "a positive numeric id"),
        };
    }

    private static string String(JsonElement e, string name) =>
        OptionalString(e, name, "") ?? throw new ShopifyMappingException(name, $"'{name}' is required.");

    private static string? OptionalString(JsonElement e, string name, string prefix)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Wrong(Join(prefix, name), "a string");
    }

    private static int Quantity(JsonElement e, string name, string prefix)
    {
        if (e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var q))
        {
            return q is > 0 and <= Limits.MaxLineQuantity ? q
                : throw new ShopifyMappingException(prefix + name, $"'{prefix + name}' must be from 1 to {Limits.MaxLineQuantity:N0}; {q} was sent.");
        }

        throw Wrong(prefix + name, "a whole number");
    }

    // Shopify sends money as decimal strings ("199.00"); numbers are accepted too.
    private static decimal Money(JsonElement e, string name, string prefix)
    {
        if (e.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.String
                && decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                return Bounded(parsed, prefix + name);
            }

            if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) && number >= 0)
            {
                return Bounded(number, prefix + name);
            }
        }

        throw Wrong(prefix + name, "an amount such as \"19.99\"");
    }

    // The range holds for every figure, refunds included; decimals are checked against the currency where it is known.
    private static decimal Bounded(decimal amount, string field) =>
        Limits.AmountProblem(amount, field, currency: null) is { } problem ? throw new ShopifyMappingException(field, problem) : amount;

    private static decimal OptionalMoney(JsonElement e, string name, string prefix) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Money(e, name, prefix) : 0m;

    private static DateTimeOffset? Time(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw Wrong(name, "an ISO 8601 time");
    }

    private static IReadOnlyList<JsonElement> Array(JsonElement e, string name, bool required, string prefix = "")
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new ShopifyMappingException(prefix + name, $"'{prefix + name}' is required.") : [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(prefix + name, "an array");
        }

        var items = value.EnumerateArray().ToList();
        if (required && items.Count == 0)
        {
            throw new ShopifyMappingException(prefix + name, $"'{prefix + name}' must not be empty.");
        }

        if (items.FirstOrDefault(i => i.ValueKind != JsonValueKind.Object) is { ValueKind: not JsonValueKind.Undefined })
        {
            throw Wrong(prefix + name, "an array of objects");
        }

        return items;
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 || prefix.EndsWith('.') ? prefix + name : $"{prefix}.{name}";

    private static ShopifyMappingException Wrong(string field, string expected) => new(field, $"'{field}' must be {expected}.");
}

/// <summary>A Shopify webhook field that cannot be mapped to the canonical order.</summary>
/// <param name="field">The field, in Shopify's names (e.g. <c>line_items[0].sku</c>).</param>
/// <param name="message">What is wrong with it.</param>
internal sealed class ShopifyMappingException(string field, string message) : Exception(message)
{
    /// <summary>The field.</summary>
    public string Field { get; } = field;
}
