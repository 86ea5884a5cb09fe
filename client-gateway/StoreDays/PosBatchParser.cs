using System.Globalization;
using Parity.Gateway.StoreDays.Contracts;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.StoreDays;

namespace Parity.Gateway.StoreDays;

/// <summary>
/// Maps a canonical POS batch (JSON or CSV) to a <see cref="PosBatch"/>, collecting every field error in a
/// <see cref="RequestValidator"/> under a name that points into the input (<c>tickets[0].lines[1].quantity</c> for
/// JSON, <c>rows[5].quantity</c> for CSV) and registering each SKU with the store for the catalog check. The batch is
/// built only when nothing was wrong, so a refused upload changes nothing. Where each line came from is kept in
/// <see cref="PosLineFields"/>, so a refusal found later (an order reference the order refuses) names the field too.
/// </summary>
internal static class PosBatchParser
{
    /// <summary>CSV columns, in the documented order (the header may list them in any order; names ignore case).</summary>
    public static readonly string[] CsvColumns =
        ["ticket_id", "store", "business_date", "occurred_at", "line_type", "sku", "quantity", "unit_price", "tax", "restock", "tender_method", "amount",
            "tax_code", "original_order_id", "original_line"];

    private const string GiftCardType = "gift-card";

    private static readonly string[] RequiredCsvColumns = ["ticket_id", "store", "business_date", "occurred_at", "line_type"];

    /// <summary>Maps a JSON batch.</summary>
    public static PosBatch? FromJson(PosBatchRequest body, StoreDayKey day, RequestValidator v, PosLineFields? fields = null)
    {
        var batchId = v.Id(body.BatchId, "batchId");
        if (body.Tickets is not { Count: > 0 })
        {
            v.Fail("tickets", "'tickets' must hold at least one ticket.");
            return null;
        }

        var tickets = new List<(PosTicket Ticket, string Field)>();
        for (var t = 0; t < body.Tickets.Count; t++)
        {
            var field = $"tickets[{t}]";
            var ticket = body.Tickets[t];
            if (ticket is null)
            {
                v.Fail(field, $"'{field}' must be a ticket object.");
                continue;
            }

            var ticketId = v.Id(ticket.TicketId, $"{field}.ticketId");
            SameStoreDay(ticket.Store, ticket.BusinessDate, day, $"{field}.store", $"{field}.businessDate", v);
            if (ticket.OccurredAt is null)
            {
                v.Fail($"{field}.occurredAt", $"'{field}.occurredAt' is required: when the ticket was rung up, ISO 8601 with offset.");
            }

            var lines = new List<PosTicketLine>();
            if (ticket.Lines is not { Count: > 0 })
            {
                v.Fail($"{field}.lines", $"'{field}.lines' must hold at least one sale, return or gift-card line.");
            }
            else
            {
                for (var l = 0; l < ticket.Lines.Count; l++)
                {
                    var line = ticket.Lines[l];
                    var lf = $"{field}.lines[{l}]";
                    if (line is null)
                    {
                        v.Fail(lf, $"'{lf}' must be a line object.");
                        continue;
                    }

                    if (string.Equals(line.Type, GiftCardType, StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var (name, sent) in new[]
                                 {
                                     ("sku", line.Sku is not null), ("quantity", line.Quantity is not null), ("unitPrice", line.UnitPrice is not null), ("restock", line.Restock is not null),
                                     ("originalOrderId", line.OriginalOrderId is not null), ("originalLineId", line.OriginalLineId is not null),
                                 })
                        {
                            if (sent)
                            {
                                v.Fail($"{lf}.{name}", $"'{name}' does not apply to a gift-card line; send its 'amount' (and 'tax' if any).");
                            }
                        }

                        fields?.Add(ticketId, lines.Count, lf + ".", csv: false);
                        lines.Add(GiftCardLine(line.Amount, line.Tax, lf + ".", v) with { TaxCode = TaxCode(line.TaxCode, lf + ".taxCode", v) });
                        continue;
                    }

                    if (line.Amount is not null)
                    {
                        v.Fail($"{lf}.amount", "'amount' applies to gift-card lines only; a sale or return line has 'quantity' and 'unitPrice'.");
                    }

                    fields?.Add(ticketId, lines.Count, lf + ".", csv: false);
                    var original = OriginalOrder(line.Type, line.OriginalOrderId, line.OriginalLineId, lf + ".", v);
                    lines.Add(Line(line.Type, line.Sku, line.Quantity, line.UnitPrice, line.Tax, line.Restock, day, lf + ".", v)
                        with { TaxCode = TaxCode(line.TaxCode, lf + ".taxCode", v), OriginalOrderId = original?.OrderId, OriginalLineId = original?.LineId });
                }
            }

            var tenders = new List<PosTender>();
            for (var p = 0; p < (ticket.Tenders?.Count ?? 0); p++)
            {
                var tender = ticket.Tenders![p];
                var tf = $"{field}.tenders[{p}]";
                if (tender is null)
                {
                    v.Fail(tf, $"'{tf}' must be a tender object.");
                    continue;
                }

                tenders.Add(Tender(tender.Method, tender.Amount, tf + ".", v));
            }

            tickets.Add((new PosTicket(ticketId, ticket.OccurredAt.GetValueOrDefault(), lines, tenders), field));
        }

        return Finish(batchId, tickets, v);
    }

    /// <summary>Maps a CSV batch: one row per ticket line (sale, return, gift-card or tender), rows of a ticket grouped by ticket id.</summary>
    public static PosBatch? FromCsv(string text, string? batchId, StoreDayKey day, RequestValidator v, PosLineFields? fields = null)
    {
        batchId = v.Id(batchId, "batchId");
        List<CsvRecord> records;
        try
        {
            records = CsvReader.Read(text);
        }
        catch (CsvFormatException e)
        {
            v.Fail($"rows[{e.Row}]", e.Message);
            return null;
        }

        if (records.Count == 0)
        {
            v.Fail("rows", "The CSV body is empty: send a header row and one row per ticket line.");
            return null;
        }

        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (!CsvColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                v.Fail($"rows[{header.Row}]", $"Row {header.Row}: unknown column '{name}'. Columns are: {string.Join(", ", CsvColumns)}.");
            }
            else if (!columns.TryAdd(name, i))
            {
                v.Fail($"rows[{header.Row}]", $"Row {header.Row}: column '{name}' appears twice.");
            }
        }

        foreach (var required in RequiredCsvColumns.Where(c => !columns.ContainsKey(c)))
        {
            v.Fail($"rows[{header.Row}]", $"Row {header.Row}: the header lacks the column '{required}'.");
        }

        if (!v.IsValid)
        {
            return null;
        }

        if (records.Count == 1)
        {
            v.Fail("rows", "The CSV body has a header but no ticket rows.");
            return null;
        }

        var drafts = new Dictionary<string, CsvTicket>(StringComparer.Ordinal);
        var order = new List<CsvTicket>();
        foreach (var record in records.Skip(1))
        {
            var prefix = $"rows[{record.Row}].";
            if (record.Fields.Count != header.Fields.Count)
            {
                v.Fail($"rows[{record.Row}]", $"Row {record.Row} has {record.Fields.Count} fields; the header has {header.Fields.Count}.");
                continue;
            }

            string? Get(string column) => columns.TryGetValue(column, out var index) && record.Fields[index].Length > 0 ? record.Fields[index] : null;

            var ticketId = v.Id(Get("ticket_id"), prefix + "ticket_id");
            SameStoreDay(Get("store") ?? "", Get("business_date") ?? "", day, prefix + "store", prefix + "business_date", v);
            var occurredAt = Timestamp(Get("occurred_at"), prefix + "occurred_at", v);
            if (!drafts.TryGetValue(ticketId, out var draft))
            {
                draft = new CsvTicket(ticketId, record.Row, occurredAt);
                drafts[ticketId] = draft;
                order.Add(draft);
            }
            else if (occurredAt is { } at && draft.OccurredAt is { } first && at != first)
            {
                v.Fail(prefix + "occurred_at", $"Row {record.Row}: 'occurred_at' differs from row {draft.FirstRow} of ticket '{ticketId}'; every row of a ticket carries the same time.");
            }

            switch (Get("line_type")?.ToLowerInvariant())
            {
                case "sale" or "return":
                    Empty(Get("tender_method"), prefix + "tender_method", record.Row, v);
                    Empty(Get("amount"), prefix + "amount", record.Row, v);
                    fields?.Add(ticketId, draft.Lines.Count, prefix, csv: true);
                    var original = OriginalOrder(Get("line_type"), Get("original_order_id"), Get("original_line"), prefix, v, row: record.Row);
                    draft.Lines.Add(Line(Get("line_type"), Get("sku"), Integer(Get("quantity"), prefix + "quantity", record.Row, v),
                        Number(Get("unit_price"), prefix + "unit_price", record.Row, v), Number(Get("tax"), prefix + "tax", record.Row, v),
                        Boolean(Get("restock"), prefix + "restock", record.Row, v), day, prefix, v, csvNames: true, row: record.Row)
                        with { TaxCode = TaxCode(Get("tax_code"), prefix + "tax_code", v, record.Row), OriginalOrderId = original?.OrderId, OriginalLineId = original?.LineId });
                    break;
                case GiftCardType:
                    foreach (var column in new[] { "sku", "quantity", "unit_price", "restock", "tender_method", "original_order_id", "original_line" })
                    {
                        Empty(Get(column), prefix + column, record.Row, v);
                    }

                    fields?.Add(ticketId, draft.Lines.Count, prefix, csv: true);
                    draft.Lines.Add(GiftCardLine(Number(Get("amount"), prefix + "amount", record.Row, v),
                        Get("tax") is null ? 0m : Number(Get("tax"), prefix + "tax", record.Row, v), prefix, v, row: record.Row)
                        with { TaxCode = TaxCode(Get("tax_code"), prefix + "tax_code", v, record.Row) });
                    break;
                case "tender":
                    foreach (var column in new[] { "sku", "quantity", "unit_price", "tax", "restock", "original_order_id", "original_line" })
                    {
                        Empty(Get(column), prefix + column, record.Row, v);
                    }

                    Empty(Get("tax_code"), prefix + "tax_code", record.Row, v);

                    draft.Tenders.Add(Tender(Get("tender_method"), Number(Get("amount"), prefix + "amount", record.Row, v), prefix, v, csvNames: true, row: record.Row));
                    break;
                default:
                    v.Fail(prefix + "line_type", $"Row {record.Row}: 'line_type' must be sale, return, gift-card or tender; '{Get("line_type")}' was sent.");
                    break;
            }
        }

        foreach (var draft in order.Where(d => d.Lines.Count == 0))
        {
            v.Fail($"rows[{draft.FirstRow}].ticket_id", $"Row {draft.FirstRow}: ticket '{draft.TicketId}' has no sale, return or gift-card row.");
        }

        return Finish(batchId,
            order.Select(d => (new PosTicket(d.TicketId, d.OccurredAt.GetValueOrDefault(), d.Lines, d.Tenders), $"rows[{d.FirstRow}]")).ToList(), v);
    }

    // Checks across the whole batch, once every field is well-formed: unique ticket ids and balanced tickets.
    private static PosBatch? Finish(string batchId, List<(PosTicket Ticket, string Field)> tickets, RequestValidator v)
    {
        if (!v.IsValid)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (ticket, field) in tickets)
        {
            if (!seen.Add(ticket.TicketId))
            {
                v.Fail(field, $"Ticket '{ticket.TicketId}' appears twice in the batch.");
            }
            else if (!ticket.IsBalanced)
            {
                var giftCards = ticket.GiftCardsSold == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" + gift cards {ticket.GiftCardsSold}");
                v.Fail(field, string.Create(CultureInfo.InvariantCulture,
                    $"Ticket '{ticket.TicketId}' does not balance: revenue {ticket.NetRevenue} + tax {ticket.NetTax}{giftCards} = {ticket.NetRevenue + ticket.NetTax + ticket.GiftCardsSold}, but the tenders add up to {ticket.TenderTotal}."));
            }
        }

        return v.IsValid ? new PosBatch(batchId, tickets.Select(t => t.Ticket).ToList()) : null;
    }

    private static PosTicketLine Line(string? type, string? sku, int? quantity, decimal? unitPrice, decimal? tax, bool? restock,
        StoreDayKey day, string prefix, RequestValidator v, bool csvNames = false, int row = 0)
    {
        var (typeName, priceName, rowText) = csvNames ? ("line_type", "unit_price", $"Row {row}: ") : ("type", "unitPrice", "");
        PosLineType lineType = default;
        switch (type?.ToLowerInvariant())
        {
            case "sale":
                lineType = PosLineType.Sale;
                break;
            case "return":
                lineType = PosLineType.Return;
                break;
            default:
                v.Fail(prefix + typeName, $"{rowText}'{typeName}' must be sale, return or gift-card; '{type}' was sent.");
                break;
        }

        // The store was checked once from the path; only the SKU is named per line.
        v.Position(sku, day.Store, prefix + "sku", "");
        // CSV quantities were checked (and named by row) while parsing the text.
        var units = csvNames ? quantity.GetValueOrDefault() : v.Positive(quantity, prefix + "quantity");
        var price = Money(unitPrice, prefix + priceName, rowText, v, decimals: 4, allowNegative: false);
        var lineTax = Money(tax, prefix + "tax", rowText, v, decimals: 2, allowNegative: false);
        if (restock is not null && lineType == PosLineType.Sale)
        {
            v.Fail(prefix + "restock", $"{rowText}'restock' applies to returns only.");
        }

        return new PosTicketLine(lineType, sku ?? "", units, price, lineTax, restock ?? true);
    }

    // Bought online, returned in store: a return line may name the order (canonical id) and its line the units were
    // bought on, both or neither; a sale names none. Null when nothing (valid) was named.
    private static (string OrderId, string LineId)? OriginalOrder(string? type, string? orderId, string? lineId, string prefix, RequestValidator v, int row = 0)
    {
        var (orderName, lineName, rowText) = row > 0 ? ("original_order_id", "original_line", $"Row {row}: ") : ("originalOrderId", "originalLineId", "");
        if (orderId is null && lineId is null)
        {
            return null;
        }

        if (!string.Equals(type, "return", StringComparison.OrdinalIgnoreCase))
        {
            v.Fail(prefix + (orderId is null ? lineName : orderName),
                $"{rowText}'{orderName}' and '{lineName}' apply to return lines only: a return names the order its units were bought on.");
            return null;
        }

        if (orderId is null || lineId is null)
        {
            v.Fail(prefix + (orderId is null ? orderName : lineName),
                $"{rowText}'{orderName}' and '{lineName}' go together: name the order the units were bought on and its line.");
            return null;
        }

        var valid = true;
        if (!Plain(orderId, 200) || !IsOrderId(orderId))
        {
            v.Fail(prefix + orderName, $"{rowText}'{orderName}' must be the order's canonical id channel:channelOrderId (at most 200 characters), e.g. web:1001; '{orderId}' was sent.");
            valid = false;
        }

        if (!Plain(lineId, 128))
        {
            v.Fail(prefix + lineName, $"{rowText}'{lineName}' must be the order's lineId: 1 to 128 characters without control characters.");
            valid = false;
        }

        return valid ? (orderId, lineId) : null;
    }

    private static bool Plain(string value, int maxLength) => value.Length <= maxLength && !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl);

    private static bool IsOrderId(string orderId)
    {
        try
        {
            OrderId.Parse(orderId);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // A gift card sold: the amount loaded is required and positive (a liability for what the customer paid), tax optional.
    private static PosTicketLine GiftCardLine(decimal? amount, decimal? tax, string prefix, RequestValidator v, int row = 0)
    {
        var rowText = row > 0 ? $"Row {row}: " : "";
        var loaded = Money(amount, prefix + "amount", rowText, v, decimals: 2, allowNegative: false);
        if (amount == 0)
        {
            v.Fail(prefix + "amount", $"{rowText}'amount' of a gift-card line must be greater than zero; 0 was sent.");
        }

        var lineTax = tax is null ? 0m : Money(tax, prefix + "tax", rowText, v, decimals: 2, allowNegative: false);
        return PosTicketLine.GiftCard(loaded, lineTax);
    }

    // A tax code as the canonical model keeps it: upper case; its format is checked here, whether the posting rules map
    // it is the store day's check (it knows the rules and the store's default).
    private static string? TaxCode(string? code, string field, RequestValidator v, int row = 0)
    {
        if (code is null)
        {
            return null;
        }

        if (code.Length is 0 or > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            var rowText = row > 0 ? $"Row {row}: " : "";
            v.Fail(field, $"{rowText}'{Name(field)}' must be 1 to 32 letters, digits, '-', '_' or '.', e.g. US-SALES; '{code}' was sent.");
            return null;
        }

        return code.ToUpperInvariant();
    }

    private static PosTender Tender(string? method, decimal? amount, string prefix, RequestValidator v, bool csvNames = false, int row = 0)
    {
        var (methodName, rowText) = csvNames ? ("tender_method", $"Row {row}: ") : ("method", "");
        var name = v.Id(method, prefix + methodName);
        var value = Money(amount, prefix + "amount", rowText, v, decimals: 2, allowNegative: true);
        return new PosTender(name, value);
    }

    private static decimal Money(decimal? value, string field, string rowText, RequestValidator v, int decimals, bool allowNegative)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        if (value is null)
        {
            // CSV numbers were reported (missing or malformed) while parsing the text.
            if (rowText.Length == 0)
            {
                v.Fail(field, $"'{name}' is required.");
            }

            return 0;
        }

        if (!allowNegative && value < 0)
        {
            v.Fail(field, $"{rowText}'{name}' must not be negative; {value.Value.ToString(CultureInfo.InvariantCulture)} was sent.");
        }
        else if (decimal.Round(value.Value, decimals) != value.Value)
        {
            v.Fail(field, $"{rowText}'{name}' has more than {decimals} decimals.");
        }
        else if (Limits.AmountProblem(value.Value, name, currency: null) is { } problem)
        {
            v.Fail(field, rowText + problem);
        }

        return value.Value;
    }

    private static void SameStoreDay(string? store, string? date, StoreDayKey day, string storeField, string dateField, RequestValidator v)
    {
        if (store is not null && store != day.Store)
        {
            v.Fail(storeField, $"'{Name(storeField)}' is '{store}' but the batch is uploaded for store '{day.Store}'.");
        }

        var expected = day.BusinessDate.ToString(StoreDayKey.DateFormat, CultureInfo.InvariantCulture);
        if (date is not null && date != expected)
        {
            v.Fail(dateField, $"'{Name(dateField)}' is '{date}' but the batch is uploaded for business date {expected}.");
        }
    }

    private static string Name(string field) => field[(field.LastIndexOf('.') + 1)..];

    private static DateTimeOffset? Timestamp(string? text, string field, RequestValidator v)
    {
        if (text is null)
        {
            v.Fail(field, $"{RowOf(field)}'occurred_at' is required (ISO 8601 with offset, e.g. 2026-03-14T10:15:00+01:00).");
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && (text.EndsWith('Z') || text.Length > 6 && text[^6] is '+' or '-'))
        {
            return at;
        }

        v.Fail(field, $"{RowOf(field)}'occurred_at' must be ISO 8601 with offset, e.g. 2026-03-14T10:15:00+01:00; '{text}' was sent.");
        return null;
    }

    private static int? Integer(string? text, string field, int row, RequestValidator v)
    {
        if (text is null)
        {
            v.Fail(field, $"Row {row}: '{Name(field)}' is required.");
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value <= 0)
            {
                v.Fail(field, $"Row {row}: '{Name(field)}' must be a whole number greater than zero; {value} was sent.");
                return null;
            }

            if (value > Limits.MaxLineQuantity)
            {
                v.Fail(field, string.Create(CultureInfo.InvariantCulture, $"Row {row}: '{Name(field)}' may be at most {Limits.MaxLineQuantity:N0}; {value} was sent."));
                return null;
            }

            return value;
        }

        v.Fail(field, $"Row {row}: '{Name(field)}' must be a whole number; '{text}' was sent.");
        return null;
    }

    private static decimal? Number(string? text, string field, int row, RequestValidator v)
    {
        if (text is null)
        {
            v.Fail(field, $"Row {row}: '{Name(field)}' is required.");
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        v.Fail(field, $"Row {row}: '{Name(field)}' must be a number with a point for decimals, e.g. 12.50; '{text}' was sent.");
        return null;
    }

    private static bool? Boolean(string? text, string field, int row, RequestValidator v)
    {
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                v.Fail(field, $"Row {row}: 'restock' must be true or false; '{text}' was sent.");
                return null;
        }
    }

    private static void Empty(string? text, string field, int row, RequestValidator v)
    {
        if (text is not null)
        {
            v.Fail(field, $"Row {row}: '{Name(field)}' must be empty on this line type.");
        }
    }

    private static string RowOf(string field) =>
        field.StartsWith("rows[", StringComparison.Ordinal) ? $"Row {field[5..field.IndexOf(']', StringComparison.Ordinal)]}: " : "";

    private sealed class CsvTicket(string ticketId, int firstRow, DateTimeOffset? occurredAt)
    {
        public string TicketId { get; } = ticketId;

        public int FirstRow { get; } = firstRow;

        public DateTimeOffset? OccurredAt { get; } = occurredAt;

        public List<PosTicketLine> Lines { get; } = [];

        public List<PosTender> Tenders { get; } = [];
    }
}
