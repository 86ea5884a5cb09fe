using Parity.GrainInterfaces.Erp;

namespace Parity.Grains.Posting;

/// <summary>
/// The chart-of-accounts mapping, bound from <c>Parity:Erp:Posting</c>: which account and side each amount of each
/// kind of business fact posts to, the rounding account and tolerance, and the currencies' minor units.
/// Configured <see cref="Rules"/> and <see cref="Accounts"/> amend <see cref="CreateDefault"/>'s: a rule whose
/// <see cref="PostingRuleOptions.Id"/> is a default rule's replaces it (members it leaves unset keep the default's),
/// any other rule is added; <see cref="IncludeDefaults"/> false makes them the whole set.
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

    /// <summary>
    /// Whether <see cref="Rules"/> and <see cref="Accounts"/> amend the default rules and chart (true) or are the whole
    /// set (false). <value>The default value is true; <see cref="CreateDefault"/> sets false, as it lists everything.</value>
    /// </summary>
    public bool IncludeDefaults { get; set; } = true;

    /// <summary>Rules overriding (same <see cref="PostingRuleOptions.Id"/>) or added to the defaults.
    /// <value>The default value is empty: the default rules alone.</value></summary>
    public List<PostingRuleOptions> Rules { get; set; } = [];

    /// <summary>
    /// The chart of accounts by number, with names (used for checks and for the hledger export's account names); added
    /// to, or renaming accounts of, the default chart. <value>The default value is empty: the default chart alone.</value>
    /// </summary>
    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The tax code of store sales when neither the POS line nor the store names one (a US store's sales tax).</summary>
    public const string DefaultSalesTaxCode = "US-SALES";

    /// <summary>
    /// The rules in effect: with <see cref="IncludeDefaults"/>, the default rules with each configured rule of the same
    /// id merged over its default, followed by the configured rules of new ids; without, the configured rules as they are.
    /// Configured rules come first among rules of equal specificity, so an added rule beats a default it ties with.
    /// </summary>
    /// <exception cref="ArgumentException">Two configured rules share an id.</exception>
    public IReadOnlyList<PostingRuleOptions> EffectiveRules()
    {
        var duplicate = Rules.Where(r => !string.IsNullOrWhiteSpace(r.Id)).GroupBy(r => r.Id!, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"{SectionName} is invalid: rule id '{duplicate.Key}' is configured {duplicate.Count()} times.", nameof(Rules));
        }

        if (!IncludeDefaults)
        {
            return Rules;
        }

        var defaults = CreateDefault().Rules;
        var byId = Rules.Where(r => !string.IsNullOrWhiteSpace(r.Id)).ToDictionary(r => r.Id!, StringComparer.OrdinalIgnoreCase);
        var effective = new List<PostingRuleOptions>(defaults.Count + Rules.Count);
        effective.AddRange(Rules.Where(r => string.IsNullOrWhiteSpace(r.Id) || !defaults.Any(d => string.Equals(d.Id, r.Id, StringComparison.OrdinalIgnoreCase))));
        effective.AddRange(defaults.Select(d => byId.TryGetValue(d.Id!, out var own) ? own.Over(d) : d));
        return effective;
    }

    /// <summary>The chart in effect: the default chart amended by <see cref="Accounts"/>, or <see cref="Accounts"/> alone
    /// without <see cref="IncludeDefaults"/> (the default chart when that is empty too).</summary>
    public IReadOnlyDictionary<string, string> EffectiveAccounts()
    {
        if (!IncludeDefaults && Accounts.Count > 0)
        {
            return Accounts;
        }

        var chart = DefaultChart.ToDictionary(a => a.Number, a => a.Name, StringComparer.Ordinal);
        foreach (var (number, name) in Accounts)
        {
            chart[number] = name;
        }

        return chart;
    }

    /// <summary>A retailer's chart and rules: web and marketplace sales through clearing accounts, store tenders to
    /// cash/card clearing, tax by code, COGS against inventory, returns via refunds payable, settlements to bank.</summary>
    public static PostingRulesOptions CreateDefault()
    {
        var options = new PostingRulesOptions { ReversingKinds = ["SaleReturned"], IncludeDefaults = false };
        foreach (var (number, name) in DefaultChart)
        {
            options.Accounts[number] = name;
        }

        void Rule(string kind, string type, string? qualifier, string account, JournalSide side, string? offset = null) =>
            options.Rules.Add(new PostingRuleOptions
            {
                Id = RuleId(kind, type, qualifier), Kind = kind, Type = type, Qualifier = qualifier, Account = account, Side = side, OffsetAccount = offset,
            });

        const JournalSide Dr = JournalSide.Debit, Cr = JournalSide.Credit;

        // Sales of every kind (shipped orders, POS tickets, store-day summaries and adjustments).
        Rule(Any, "revenue", null, "4000", Cr);
        Rule(Any, "tax", "VAT20", "2200", Cr);
        Rule(Any, "tax", "VAT5", "2210", Cr);
        Rule(Any, "tax", "VAT0", "2220", Cr);
        // US sales tax: the tax code of store sales by default (StoreDayOptions.TaxCode), so a US store posts out of the box.
        Rule(Any, "tax", DefaultSalesTaxCode, "2250", Cr);
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
        // An exchange pays its replacement with what the return owes: the replacement's sale debits refunds payable,
        // which the original's return credited (OrderFacts.ExchangeCreditTender).
        Rule(Any, "tender", "exchange-credit", "2300", Dr);

        // A refund pays what is owed back through a tender (to a gift card: new liability).
        Rule("Refunded", "tender", "card", "1210", Cr, "2300");
        Rule("Refunded", "tender", "paypal", "1220", Cr, "2300");
        Rule("Refunded", "tender", "marketplace", "1230", Cr, "2300");
        Rule("Refunded", "tender", "cash", "1010", Cr, "2300");
        Rule("Refunded", "tender", "gift-card", "2400", Cr, "2300");
        // Money given back for goods shipped and kept owes nothing on refunds payable: it is an allowance against revenue,
        // so the refund's debit to refunds payable is met by this credit (OrderFacts.Refund).
        Rule("Refunded", "allowance", null, "4050", Dr, "2300");

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
        // Suspense is what the bank received beyond the clearing relieved (a line of no order, a variance, a payout
        // difference: SettlementReconciler), so a positive amount is a credit; money paid out for no order is a debit.
        Rule("SettlementReceived", "suspense", null, "1999", Cr);
        return options;
    }

    /// <summary>
    /// The id of a default rule: its kind (omitted for every kind), amount type and qualifier, lower case and joined by
    /// '-', e.g. <c>tax-us-sales</c>, <c>tender-card</c>, <c>refunded-tender-card</c>, <c>settlement-received-payout</c>.
    /// </summary>
    public static string RuleId(string kind, string type, string? qualifier)
    {
        var parts = new List<string>(3);
        if (kind != Any)
        {
            // SaleReturned → sale-returned, as the journals' rule ids spell kinds.
            parts.Add(string.Concat(kind.Select((c, i) => i > 0 && char.IsUpper(c) ? $"-{c}" : c.ToString())));
        }

        parts.Add(type);
        if (qualifier is not null)
        {
            parts.Add(qualifier);
        }

        return string.Join('-', parts).ToLowerInvariant();
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
        ("2250", "liabilities:tax:sales"),
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

/// <summary>One mapping: (fact kind, amount type, qualifier) → account and side. Members are null when not configured, so
/// an override by id can name only what it changes (configuration binding writes back what a getter returns).</summary>
public sealed class PostingRuleOptions
{
    /// <summary>The rule's id (<see cref="PostingRulesOptions.RuleId"/> for the defaults): a configured rule with a default's id
    /// replaces it. <value>The default value is null: an added rule.</value></summary>
    public string? Id { get; set; }

    /// <summary>A <c>BusinessFactKind</c> name, or <c>*</c> (or null) for every kind. <value>The default value is null: every kind.</value></summary>
    public string? Kind { get; set; }

    /// <summary>The amount type (see <c>FactAmountTypes</c>). Required.</summary>
    public string? Type { get; set; }

    /// <summary>The qualifier (tax code, tender method, fee type), or null / <c>*</c> for any. <value>The default value is null.</value></summary>
    public string? Qualifier { get; set; }

    /// <summary>The account a positive amount posts to. Required.</summary>
    public string? Account { get; set; }

    /// <summary>The side a positive amount posts to (a negative amount posts to the other side). <value>The default value
    /// is null: <see cref="JournalSide.Debit"/>.</value></summary>
    public JournalSide? Side { get; set; }

    /// <summary>When set, the amount also posts to this account on the other side (e.g. COGS against inventory).
    /// <value>The default value is null.</value></summary>
    public string? OffsetAccount { get; set; }

    /// <summary>This rule over <paramref name="rule"/>: the members this one sets win, the others are <paramref name="rule"/>'s.
    /// A qualifier cannot be unset this way; <c>*</c> makes it any.</summary>
    internal PostingRuleOptions Over(PostingRuleOptions rule) => new()
    {
        Id = rule.Id,
        Kind = Kind ?? rule.Kind,
        Type = Type ?? rule.Type,
        Qualifier = Qualifier ?? rule.Qualifier,
        Account = Account ?? rule.Account,
        Side = Side ?? rule.Side,
        OffsetAccount = OffsetAccount ?? rule.OffsetAccount,
    };
}
