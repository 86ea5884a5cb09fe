using Parity.GrainInterfaces.Orders;

namespace Parity.Gateway.StoreDays;

/// <summary>Where each ticket line of a parsed POS batch came from (<c>tickets[0].lines[1].</c> in JSON, <c>rows[5].</c>
/// in CSV), so a refusal the store day reports later by ticket and line names the field the uploader sent.</summary>
internal sealed class PosLineFields
{
    private readonly Dictionary<(string TicketId, int Line), (string Prefix, bool Csv)> _lines = [];

    /// <summary>Notes that line <paramref name="line"/> of ticket <paramref name="ticketId"/> was read at <paramref name="prefix"/>.</summary>
    public void Add(string ticketId, int line, string prefix, bool csv) => _lines.TryAdd((ticketId, line), (prefix, csv));

    /// <summary>The field <paramref name="jsonField"/> (its JSON name, e.g. <c>taxCode</c>) on that line, as the uploader
    /// spelled it: <c>tickets[0].lines[1].taxCode</c> or <c>rows[5].tax_code</c>.</summary>
    public string Of(string ticketId, int line, string jsonField)
    {
        if (!_lines.TryGetValue((ticketId, line), out var at))
        {
            return "tickets";
        }

        return at.Prefix + (at.Csv ? string.Concat(jsonField.Select(c => char.IsUpper(c) ? $"_{char.ToLowerInvariant(c)}" : c.ToString())) : jsonField);
    }

    /// <summary>The field name of <paramref name="field"/> on that line, as the uploader spelled it.</summary>
    public string Of(string ticketId, int line, StoreReturnField field)
    {
        if (!_lines.TryGetValue((ticketId, line), out var at))
        {
            return "tickets";
        }

        return at.Prefix + (field, at.Csv) switch
        {
            (StoreReturnField.OrderId, false) => "originalOrderId",
            (StoreReturnField.LineId, false) => "originalLineId",
            (StoreReturnField.OrderId, true) => "original_order_id",
            (StoreReturnField.LineId, true) => "original_line",
            (StoreReturnField.Sku, _) => "sku",
            _ => "quantity",
        };
    }
}
