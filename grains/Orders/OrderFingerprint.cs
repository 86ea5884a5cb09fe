using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parity.GrainInterfaces.Orders;

namespace Parity.Grains.Orders;

/// <summary>
/// What a placement or an order event asked, in business words followed by <c>#</c> and 16 hex of a SHA-256 of every
/// field: a retry of the event id must match it, or it is refused (409). The times are left out: the gateway stamps
/// <c>placedAt</c>/<c>occurredAt</c> with its clock when the client sends none, so two tries of one request differ
/// there (correlation ids travel in the request context, never in the command).
/// </summary>
internal static class OrderFingerprint
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.General);

    /// <summary>The fingerprint of a placement.</summary>
    public static string Of(PlaceOrder order) => Fingerprint(Words(order), Timeless(order));

    /// <summary>The fingerprint of an order event.</summary>
    public static string Of(OrderCommand command) =>
        Fingerprint(Words(command), command with { OccurredAt = default, Replacement = command.Replacement is null ? null : Timeless(command.Replacement) });

    /// <summary>The business words of a fingerprint.</summary>
    public static string WordsOf(string fingerprint)
    {
        var hash = fingerprint.LastIndexOf(" #", StringComparison.Ordinal);
        return hash < 0 ? fingerprint : fingerprint[..hash];
    }

    private static PlaceOrder Timeless(PlaceOrder order) => order with { PlacedAt = default };

    private static string Fingerprint<T>(string words, T canonical)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(canonical, Canonical))))[..16];
        return $"{words} #{hash}";
    }

    private static string Words(PlaceOrder order)
    {
        var lines = string.Join(", ", order.Lines.Select(l => Invariant($"{l.Quantity} × {l.Sku} at {l.UnitPrice}")));
        var payments = order.Payments is { Count: > 0 } p ? ", payments " + string.Join(", ", p.Select(x => Invariant($"{x.Method} {x.Amount}"))) : "";
        return Invariant($"a placement of {lines} in {order.Currency} (shipping {order.ShippingCharge}{payments})");
    }

    private static string Words(OrderCommand command)
    {
        var parts = new List<string>();
        if (command.Lines is { Count: > 0 } lines)
        {
            parts.Add("lines " + string.Join(", ", lines.Select(l => Invariant($"{l.LineId} × {l.Quantity}{(l.Disposition is { } d ? $" {d}" : "")}"))));
        }

        Add(parts, "location", command.LocationId);
        Add(parts, "amount", command.Amount?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "tender", command.Tender);
        Add(parts, "reference", command.Reference);
        Add(parts, "reason", command.Reason);
        if (command.Replacement is { } replacement)
        {
            parts.Add("replacement " + Words(replacement));
        }

        return parts.Count == 0 ? $"a {command.Type}" : $"a {command.Type} ({string.Join("; ", parts)})";
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add($"{name} {value}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
