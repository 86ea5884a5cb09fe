using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Settlements;

/// <summary>
/// One line of a provider settlement in canonical form, whatever the provider's layout: what kind of money movement,
/// which order reference it carries, the gross amount and the fees taken from it by type. Amounts are in the batch
/// currency; <see cref="Gross"/> is signed as the provider credits it (a refund or chargeback is negative) and excludes
/// stand-alone fees; each fee is positive when it costs the merchant; <see cref="Net"/> = gross − fees.
/// </summary>
/// <param name="Row">Line number in the file where the record starts (the header is line 1).</param>
/// <param name="LineId">The provider's stable id of the movement (balance transaction, PSP reference + type, order + type).</param>
/// <param name="Kind">What kind of movement.</param>
/// <param name="Reference">The reference that ties it to an order (payment intent, merchant reference, marketplace order id), if any.</param>
/// <param name="Gross">Gross amount, signed.</param>
/// <param name="Fees">Fees by type; see <see cref="SettlementFeeTypes"/>.</param>
/// <param name="Net">What the line adds to the payout.</param>
/// <param name="OccurredAt">When the provider booked it, when the file says.</param>
/// <param name="Description">The provider's description, for people.</param>
[GenerateSerializer]
[Alias("parity.settlements.SettlementLine")]
public sealed record SettlementLine(
    [property: Id(0)] int Row,
    [property: Id(1)] string LineId,
    [property: Id(2)] SettlementLineKind Kind,
    [property: Id(3)] string? Reference,
    [property: Id(4)] decimal Gross,
    [property: Id(5)] IReadOnlyList<SettlementFee> Fees,
    [property: Id(6)] decimal Net,
    [property: Id(7)] DateTimeOffset? OccurredAt,
    [property: Id(8)] string? Description)
{
    /// <summary>Whether the line must be matched to an order (payments, refunds, chargebacks and their reversals).</summary>
    [JsonIgnore]
    public bool NeedsOrder => Kind is SettlementLineKind.Payment or SettlementLineKind.Refund
        or SettlementLineKind.Chargeback or SettlementLineKind.ChargebackReversal;
}

/// <summary>One fee taken from a settlement line.</summary>
/// <param name="Type">Canonical fee type; see <see cref="SettlementFeeTypes"/>.</param>
/// <param name="Amount">Positive when it costs the merchant, negative when a fee is given back.</param>
[GenerateSerializer]
[Alias("parity.settlements.SettlementFee")]
public sealed record SettlementFee([property: Id(0)] string Type, [property: Id(1)] decimal Amount);

/// <summary>The kinds of settlement line.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SettlementLineKind>))]
[GenerateSerializer]
[Alias("parity.settlements.SettlementLineKind")]
public enum SettlementLineKind
{
    /// <summary>A captured payment settled (Stripe charge, Adyen Settled, Amazon Order).</summary>
    Payment,

    /// <summary>Money returned to a customer.</summary>
    Refund,

    /// <summary>A dispute or chargeback: money taken back by the provider.</summary>
    Chargeback,

    /// <summary>A chargeback won back.</summary>
    ChargebackReversal,

    /// <summary>A fee not tied to one payment (monthly, storage, invoice deductions).</summary>
    Fee,

    /// <summary>The transfer to the bank; its amount is the declared payout.</summary>
    Payout,

    /// <summary>Any other movement (reserves, corrections, transfers).</summary>
    Adjustment,
}

/// <summary>Canonical fee types, so finance sees commission, scheme and fulfilment fees alike across providers.</summary>
public static class SettlementFeeTypes
{
    /// <summary>A payment processor's own per-transaction fee (Stripe's fee column).</summary>
    public const string Processing = "processing";

    /// <summary>Commission (Adyen blended pricing, marketplace referral fees).</summary>
    public const string Commission = "commission";

    /// <summary>The acquirer's markup over interchange.</summary>
    public const string Markup = "markup";

    /// <summary>Card scheme fees.</summary>
    public const string Scheme = "scheme";

    /// <summary>Interchange paid to the issuer.</summary>
    public const string Interchange = "interchange";

    /// <summary>Marketplace fulfilment (pick, pack, ship) fees.</summary>
    public const string Fulfilment = "fulfilment";

    /// <summary>Dispute and chargeback handling fees.</summary>
    public const string Chargeback = "chargeback";

    /// <summary>Tax a marketplace withholds and remits itself.</summary>
    public const string WithheldTax = "withheld-tax";

    /// <summary>Subscription or account fees.</summary>
    public const string Subscription = "subscription";

    /// <summary>Warehouse storage fees.</summary>
    public const string Storage = "storage";

    /// <summary>Shipping labels bought through the provider.</summary>
    public const string Shipping = "shipping";

    /// <summary>Anything else the provider charges.</summary>
    public const string Other = "other";
}
