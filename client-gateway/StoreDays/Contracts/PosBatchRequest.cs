namespace Parity.Gateway.StoreDays.Contracts;

/// <summary>The canonical POS batch in JSON (<c>POST /v1/stores/{store}/days/{date}/batches</c>).</summary>
public sealed class PosBatchRequest
{
    /// <summary>The uploader's batch id; a re-sent batch keeps it.</summary>
    public string? BatchId { get; set; }

    /// <summary>The tickets.</summary>
    public List<PosTicketRequest>? Tickets { get; set; }
}

/// <summary>One ticket of a JSON batch.</summary>
public sealed class PosTicketRequest
{
    /// <summary>The POS ticket id, unique within the store day.</summary>
    public string? TicketId { get; set; }

    /// <summary>Optional; when sent it must equal the store in the URL.</summary>
    public string? Store { get; set; }

    /// <summary>Optional (yyyy-MM-dd); when sent it must equal the business date in the URL.</summary>
    public string? BusinessDate { get; set; }

    /// <summary>When the ticket was rung up (ISO 8601 with offset).</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>Sale, return and gift-card lines.</summary>
    public List<PosLineRequest>? Lines { get; set; }

    /// <summary>Payments (positive) and refunds (negative).</summary>
    public List<PosTenderRequest>? Tenders { get; set; }
}

/// <summary>One sale, return or gift-card line.</summary>
public sealed class PosLineRequest
{
    /// <summary><c>sale</c>, <c>return</c> or <c>gift-card</c>.</summary>
    public string? Type { get; set; }

    /// <summary>The item (sale and return lines only).</summary>
    public string? Sku { get; set; }

    /// <summary>Units, at least 1 (sale and return lines only).</summary>
    public int? Quantity { get; set; }

    /// <summary>Price per unit before tax, at least 0, at most 4 decimals (sale and return lines only).</summary>
    public decimal? UnitPrice { get; set; }

    /// <summary>Tax of the whole line, at least 0, in cents; optional on a gift-card line (default 0).</summary>
    public decimal? Tax { get; set; }

    /// <summary>Gift-card lines only: the amount loaded on the card, greater than 0, in cents.</summary>
    public decimal? Amount { get; set; }

    /// <summary>Returns only: back on the shelf (default true).</summary>
    public bool? Restock { get; set; }

    /// <summary>The tax code the line's tax posts under (e.g. <c>US-SALES</c>, <c>VAT20</c>; letters, digits, '-', '_', '.',
    /// at most 32); omitted: the store's default tax code. One the posting rules do not map is refused.</summary>
    public string? TaxCode { get; set; }

    /// <summary>Returns only: the canonical id (<c>{channel}:{channelOrderId}</c>) of the order the units were bought on
    /// (bought online, returned in store), sent with <see cref="OriginalLineId"/>.</summary>
    public string? OriginalOrderId { get; set; }

    /// <summary>Returns only, with <see cref="OriginalOrderId"/>: the order's <c>lineId</c>.</summary>
    public string? OriginalLineId { get; set; }
}

/// <summary>Money taken or refunded through one tender method.</summary>
public sealed class PosTenderRequest
{
    /// <summary>Tender method, e.g. <c>cash</c>, <c>card</c>, <c>gift-card</c>.</summary>
    public string? Method { get; set; }

    /// <summary>Positive for a payment, negative for a refund, in cents.</summary>
    public decimal? Amount { get; set; }
}
