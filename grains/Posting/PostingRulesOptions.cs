using Parity.GrainInterfaces.Erp;

namespace Parity.Grains.Posting;

/// <summary>
/// The chart-of-accounts mapping, bound from <c>Parity:Erp:Posting</c>: which account and side each amount of each
/// kind of business fact posts to, the rounding account and tolerance, and the currencies' minor units.
/// When no rule is configured, <see cref="CreateDefault"/> applies.
/// </summary>
public sealed class PostingRulesOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Parity:Erp:Posting";

    /// <summary>A rule's <see cref="PostingRuleOptions.Kind"/> or <see cref="PostingRuleOptions.Qualifier"/> that matches anything.</summary>
    public const string Any = "*";

    /// <summary>Where a rounding difference within tolerance goes. <value>The default value is <c>7990</c>.</value></summary>
    public string RoundingAccount { get; set; } = "7990";

    /// <summary>The largest imbalance per journal that goes to the rounding account; beyond it the journal is held as
    /// UnbalancedJournal. <value>The default value is 0.05.</value></summary>
    public decimal RoundingTolerance { get; set; } = 0.05m;

    /// <summary>Decimals of a currency not listed in <see cref="CurrencyDecimals"/>. <value>The default value is 2.</value></summary>
    public int DefaultCurrencyDecimals { get; set; } = 2;

    /// <summary>Minor units per currency where they are not 2. <value>The default value holds JPY = 0 and KWD = 3.</value></summary>
    public Dictionary<string, int> CurrencyDecimals { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["JPY"] = 0, ["KWD"] = 3 };

    /// <summary>
    /// Kinds that reverse another: a wildcard-kind rule applies to them with its sides swapped (a return reverses
    /// revenue, tax, discounts and COGS of the sale); a rule that names the kind applies as written.
    /// <value>The default value is <c>SaleReturned</c> (set the list to replace it).</value>
    /// </summary>
    public List<string>? ReversingKinds { get; set; }

    /// <summary>The rules. <value>The default value is empty, which means <see cref="CreateDefault"/>'s rules.</value></summary>
    public List<PostingRuleOptions> Rules { get; set; } = [];

    /// <summary>
    /// The chart of accounts by number, with names (used for checks and for the hledger export's account names).
    /// <value>The default value is empty, which means <see cref="CreateDefault"/>'s chart.</value>
    /// </summary>
    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A retailer's chart and rules: web and marketplace sales through clearing accounts, store tenders to
    /// cash/card clearing, tax by code, COGS against inventory, returns via refunds payable, settlements to bank.</summary>
    public static PostingRulesOptions CreateDefault()
    {
        var options = new PostingRulesOptions { ReversingKinds = ["SaleReturned"] };
        foreach (var (number, name) in DefaultChart)
        {
            options.Accounts[number] = name;
        }

        void Rule(string kind, string type, string? qualifier, string account, JournalSide side, string? offset = null) =>
            options.Rules.Add(new PostingRuleOptions { Kind = kind, Type = type, Qualifier = qualifier, Account = account, Side = side, OffsetAccount = offset });

        const JournalSide Dr = JournalSide.Debit, Cr = JournalSide.Credit;

        // Sales of every kind (shipped orders, POS tickets, store-day summaries and adjustments).
        Rule(Any, "revenue", null, "4000", Cr);
        Rule(Any, "tax", "VAT20", "2200", Cr);
        Rule(Any, "tax", "VAT5", "2210", Cr);
        Rule(Any, "tax", "VAT0", "2220", Cr);
        Rule(Any, "shipping", null, "4100", Cr);
        Rule(Any, "discount", null, "4050", Dr);
        Rule(Any, "cogs", null, "5000", Dr, "1300");
        Rule(Any, "tender", "card", "1210", Dr);
        Rule(Any, "tender", "paypal", "1220", Dr);
        Rule(Any, "tender", "marketplace", "1230", Dr);
        Rule(Any, "tender", "cash", "1010", Dr);
        Rule(Any, "tender", "gift-card", "2400", Dr);
        Rule(Any, "gift-card-issued", null, "2400", Cr);

        // A return owes the customer money until the refund is made; a store's till that refunds another channel's
        // order (bought online, returned in store) pays that debt.
        Rule("SaleReturned", "tender", null, "2300", Cr);
        Rule(Any, "order-refund", null, "2300", Dr);

        // A refund pays what is owed back through a tender (to a gift card: new liability).
        Rule("Refunded", "tender", "card", "1210", Cr, "2300");
        Rule("Refunded", "tender", "paypal", "1220", Cr, "2300");
        Rule("Refunded", "tender", "marketplace", "1230", Cr, "2300");
        Rule("Refunded", "tender", "cash", "1010", Cr, "2300");
        Rule("Refunded", "tender", "gift-card", "2400", Cr, "2300");

        // A settlement clears the gross from clearing: payout to bank, fees and chargebacks to expense.
        Rule("SettlementReceived", "tender", "card", "1210", Cr);
        Rule("SettlementReceived", "tender", "paypal", "1220", Cr);
        Rule("SettlementReceived", "tender", "marketplace", "1230", Cr);
        // Settlement batches qualify the clearing they relieve by provider (SettlementReconciler): card PSPs relieve
        // card clearing, the marketplace its own.
        Rule("SettlementReceived", "tender", "stripe", "1210", Cr);
        Rule("SettlementReceived", "tender", "adyen", "1210", Cr);
        Rule("SettlementReceived", "tender", "amazon", "1230", Cr);
        Rule("SettlementReceived", "payout", null, "1100", Dr);
        Rule("SettlementReceived", "fee", "commission", "6100", Dr);
        Rule("SettlementReceived", "fee", "scheme", "6110", Dr);
        Rule("SettlementReceived", "fee", "fulfilment", "6120", Dr);
        Rule("SettlementReceived", "fee", null, "6190", Dr);
        Rule("SettlementReceived", "chargeback", null, "6300", Dr);
        Rule("SettlementReceived", "suspense", null, "1999", Dr);
        return options;
    }

    /// <summary>The default chart of accounts (number, hledger-style name).</summary>
    public static IReadOnlyList<(string Number, string Name)> DefaultChart { get; } =
    [
        ("1010", "assets:clearing:cash"),
        ("1100", "assets:bank"),
        ("1210", "assets:clearing:card"),
        ("1220", "assets:clearing:paypal"),
        ("1230", "assets:clearing:marketplace"),
        ("1300", "assets:inventory"),
        ("1999", "assets:suspense:settlement"),
        ("2200", "liabilities:tax:vat20"),
        ("2210", "liabilities:tax:vat5"),
        ("2220", "liabilities:tax:vat0"),
        ("2300", "liabilities:refunds-payable"),
        ("2400", "liabilities:gift-cards"),
        ("4000", "revenue:merchandise"),
        ("4050", "revenue:discounts"),
        ("4100", "revenue:shipping"),
        ("5000", "expenses:cogs"),
        ("6100", "expenses:fees:commission"),
        ("6110", "expenses:fees:scheme"),
        ("6120", "expenses:fees:fulfilment"),
        ("6190", "expenses:fees:other"),
        ("6300", "expenses:chargebacks"),
        ("7990", "expenses:rounding"),
    ];
}

/// <summary>One mapping: (fact kind, amount type, qualifier) → account and side.</summary>
public sealed class PostingRuleOptions
{
    /// <summary>A <c>BusinessFactKind</c> name, or <c>*</c> for every kind. <value>The default value is <c>*</c>.</value></summary>
    public string Kind { get; set; } = PostingRulesOptions.Any;

    /// <summary>The amount type (see <c>FactAmountTypes</c>). Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>The qualifier (tax code, tender method, fee type), or null / <c>*</c> for any. <value>The default value is null.</value></summary>
    public string? Qualifier { get; set; }

    /// <summary>The account a positive amount posts to. Required.</summary>
    public string Account { get; set; } = "";

    /// <summary>The side a positive amount posts to (a negative amount posts to the other side).</summary>
    public JournalSide Side { get; set; }

    /// <summary>When set, the amount also posts to this account on the other side (e.g. COGS against inventory).
    /// <value>The default value is null.</value></summary>
    public string? OffsetAccount { get; set; }
}
