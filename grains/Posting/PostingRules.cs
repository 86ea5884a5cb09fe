using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;

namespace Parity.Grains.Posting;

/// <summary>
/// Turns a business fact into a balanced journal with the configured chart-of-accounts mapping (domain.md, ERP
/// posting). A plain class: no runtime, no clock. Guarantees: every non-zero amount lands on a mapped account or
/// the fact is held (UnmappedTaxCode) — never dropped; the journal balances in its currency, a difference within
/// tolerance going to the rounding account and a larger one holding the fact (UnbalancedJournal); the journal key
/// depends only on the source event ids and the rule id, so a rebuilt journal keeps its key.
/// </summary>
public sealed class PostingRules
{
    private readonly PostingRulesOptions _options;
    private readonly List<CompiledRule> _rules;
    private readonly HashSet<BusinessFactKind> _reversing;

    /// <summary>Compiles and validates the options.</summary>
    /// <exception cref="ArgumentException">A rule names an unknown kind or lacks its type or account.</exception>
    public PostingRules(PostingRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var rules = options.EffectiveRules();
        if (rules.Count == 0)
        {
            // No rule at all (defaults left out, none configured) is the defaults, not a chart that posts nothing.
            rules = PostingRulesOptions.CreateDefault().Rules;
        }

        Accounts = options.EffectiveAccounts();
        var errors = new List<string>();
        _rules = [];
        foreach (var rule in rules)
        {
            BusinessFactKind? kind = null;
            if (rule.Kind is not (null or PostingRulesOptions.Any))
            {
                if (Enum.TryParse<BusinessFactKind>(rule.Kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
                {
                    kind = parsed;
                }
                else
                {
                    errors.Add($"Rule kind '{rule.Kind}' is not a BusinessFactKind or '*'.");
                }
            }

            var named = rule.Id is null ? "" : $" '{rule.Id}'";
            if (string.IsNullOrWhiteSpace(rule.Type)) errors.Add($"A rule{named} of kind '{rule.Kind ?? PostingRulesOptions.Any}' has no Type.");
            if (string.IsNullOrWhiteSpace(rule.Account)) errors.Add($"Rule{named} {rule.Kind ?? PostingRulesOptions.Any}/{rule.Type}/{rule.Qualifier} has no Account.");
            var qualifier = rule.Qualifier is null or PostingRulesOptions.Any ? null : rule.Qualifier;
            _rules.Add(new CompiledRule(kind, rule.Type ?? "", qualifier, rule.Account ?? "", rule.Side ?? JournalSide.Debit, rule.OffsetAccount));
        }

        _reversing = [];
        foreach (var name in options.ReversingKinds ?? ["SaleReturned"])
        {
            if (Enum.TryParse<BusinessFactKind>(name, ignoreCase: true, out var kind) && Enum.IsDefined(kind))
            {
                _reversing.Add(kind);
            }
            else
            {
                errors.Add($"Reversing kind '{name}' is not a BusinessFactKind.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.RoundingAccount)) errors.Add("RoundingAccount is required.");
        if (options.RoundingTolerance < 0) errors.Add("RoundingTolerance must not be negative.");
        if (errors.Count > 0)
        {
            throw new ArgumentException($"{PostingRulesOptions.SectionName} is invalid: {string.Join(" ", errors)}", nameof(options));
        }
    }

    /// <summary>The chart of accounts (number → name) in effect.</summary>
    public IReadOnlyDictionary<string, string> Accounts { get; }

    /// <summary>
    /// The key of the journal built from <paramref name="fact"/>: its rule set, the source events behind it and the fact
    /// itself. The fact id is part of it because one source event can give several facts of one kind (a shipment from two
    /// locations is two sales); the ids are deterministic, so a rebuilt or resent journal still has the same key.
    /// </summary>
    public static string JournalKeyOf(BusinessFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return JournalKeys.For(RuleIdOf(fact.Kind), [.. fact.Lineage.SourceEventIds, "fact:" + fact.FactId]);
    }

    /// <summary>The id of the rule set that posts facts of <paramref name="kind"/> (part of the journal key).</summary>
    public static string RuleIdOf(BusinessFactKind kind) => kind switch
    {
        BusinessFactKind.SaleShipped => "sale-shipped",
        BusinessFactKind.SaleReturned => "sale-returned",
        BusinessFactKind.Refunded => "refunded",
        BusinessFactKind.PosTicket => "pos-ticket",
        BusinessFactKind.StoreDaySummary => "store-day-summary",
        BusinessFactKind.StoreDayAdjustment => "store-day-adjustment",
        BusinessFactKind.SettlementReceived => "settlement-received",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether a rule maps amounts of <paramref name="type"/> qualified <paramref name="qualifier"/> in facts of
    /// <paramref name="kind"/> (e.g. a tax code in a store-day summary), so a source can refuse what would only be held.</summary>
    public bool Maps(BusinessFactKind kind, string type, string? qualifier) => Find(kind, new FactAmount(type, 1m, qualifier)) is not null;

    /// <summary>The qualifiers named by rules for <paramref name="type"/> amounts in facts of <paramref name="kind"/>
    /// (e.g. the tax codes that post), sorted.</summary>
    public IReadOnlyList<string> QualifiersOf(BusinessFactKind kind, string type) =>
        _rules.Where(r => (r.Kind is null || r.Kind == kind) && r.Qualifier is not null && string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Qualifier!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    /// <summary>Builds the journal of <paramref name="fact"/>, or says why it must be held.</summary>
    public JournalBuildResult Build(BusinessFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        var decimals = _options.CurrencyDecimals.TryGetValue(fact.Currency, out var d) ? d : _options.DefaultCurrencyDecimals;
        var lines = new List<JournalLine>(fact.Amounts.Count + 2);
        var unmapped = new List<string>();
        foreach (var amount in fact.Amounts)
        {
            var rounded = Math.Round(amount.Amount, decimals, MidpointRounding.AwayFromZero);
            if (rounded == 0)
            {
                continue;
            }

            var match = Find(fact.Kind, amount);
            if (match is null)
            {
                unmapped.Add(amount.Qualifier is null ? amount.Type : $"{amount.Type} '{amount.Qualifier}'");
                continue;
            }

            var (rule, side) = match.Value;
            if (rounded < 0)
            {
                side = Opposite(side);
                rounded = -rounded;
            }

            var memo = amount.Qualifier is null ? amount.Type : $"{amount.Type}:{amount.Qualifier}";
            lines.Add(new JournalLine(rule.Account, side, rounded, fact.Channel, fact.Location, memo));
            if (rule.OffsetAccount is not null)
            {
                lines.Add(new JournalLine(rule.OffsetAccount, Opposite(side), rounded, fact.Channel, fact.Location, memo));
            }
        }

        if (unmapped.Count > 0)
        {
            var missing = string.Join(", ", unmapped);
            // Shopify names taxes by title and payments by gateway; the adapter maps them to Parity's codes, so say where.
            var channelNames = string.Equals(fact.Lineage?.SourceSystem, "shopify", StringComparison.OrdinalIgnoreCase)
                ? " Shopify tax titles and payment gateways become Parity tax codes and tenders in Gateway:Shopify:TaxCodes (or :DefaultTaxCode) and Gateway:Shopify:Tenders, for orders received after the change."
                : "";
            return new JournalHeld(ExceptionCategory.UnmappedTaxCode,
                $"No posting rule maps {missing} of a {fact.Kind} fact (legal entity {fact.LegalEntity}, channel {fact.Channel}); fix the mapping in {PostingRulesOptions.SectionName} and retry.{channelNames}",
                $"{fact.Kind}:{missing}");
        }

        var debit = lines.Where(l => l.Side == JournalSide.Debit).Sum(l => l.Amount);
        var credit = lines.Where(l => l.Side == JournalSide.Credit).Sum(l => l.Amount);
        var difference = debit - credit;
        if (difference != 0)
        {
            if (Math.Abs(difference) > _options.RoundingTolerance)
            {
                return new JournalHeld(ExceptionCategory.UnbalancedJournal,
                    $"The {fact.Kind} journal of fact {fact.FactId} does not balance: debits {debit} and credits {credit} {fact.Currency} differ by {difference}, beyond the rounding tolerance {_options.RoundingTolerance}.",
                    fact.FactId);
            }

            lines.Add(new JournalLine(_options.RoundingAccount, difference > 0 ? JournalSide.Credit : JournalSide.Debit,
                Math.Abs(difference), fact.Channel, fact.Location, "rounding"));
        }

        if (lines.Count == 0)
        {
            // Every amount is zero at the currency's precision (an even exchange at the till, a free replacement):
            // the ERP has nothing to book, and nobody has anything to fix, so this is neither a journal nor an exception.
            return new NothingToPost($"Every amount of the {fact.Kind} fact {fact.FactId} is zero in {fact.Currency}.");
        }

        var ruleId = RuleIdOf(fact.Kind);
        var sourceIds = fact.Lineage.SourceEventIds.Count > 0 ? fact.Lineage.SourceEventIds : [fact.FactId];
        var description = fact.OrderId is null ? $"{fact.Kind} {fact.FactId}" : $"{fact.Kind} {fact.OrderId}";
        return new JournalBuilt(new ErpJournal(
            JournalKeyOf(fact), ruleId, fact.FactId, fact.LegalEntity, fact.Currency.ToUpperInvariant(),
            DateOnly.FromDateTime(fact.OccurredAt.UtcDateTime), description, lines, sourceIds.ToList(), fact.Lineage.CorrelationId));
    }

    /// <summary>The reversing entry of <paramref name="journal"/>: same lines, sides swapped, its own key.</summary>
    public static ErpJournal Reverse(ErpJournal journal, string correctionId, DateOnly postingDate)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentException.ThrowIfNullOrEmpty(correctionId);
        return journal with
        {
            JournalKey = JournalKeys.ForReversal(journal.JournalKey, correctionId),
            RuleId = "reversal",
            PostingDate = postingDate,
            Description = $"Reversal of {journal.JournalKey} ({journal.Description})",
            Lines = journal.Lines.Select(l => l with { Side = Opposite(l.Side) }).ToList(),
            SourceEventIds = [.. journal.SourceEventIds, correctionId],
            ReversesJournalKey = journal.JournalKey,
        };
    }

    private static JournalSide Opposite(JournalSide side) => side == JournalSide.Debit ? JournalSide.Credit : JournalSide.Debit;

    // Most specific wins: a rule naming the kind beats a wildcard kind; a rule naming the qualifier beats any qualifier.
    private (CompiledRule Rule, JournalSide Side)? Find(BusinessFactKind kind, FactAmount amount)
    {
        CompiledRule? best = null;
        var bestScore = -1;
        foreach (var rule in _rules)
        {
            if ((rule.Kind is not null && rule.Kind != kind) || !string.Equals(rule.Type, amount.Type, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (rule.Qualifier is not null && !string.Equals(rule.Qualifier, amount.Qualifier, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var score = (rule.Kind is null ? 0 : 2) + (rule.Qualifier is null ? 0 : 1);
            if (score > bestScore)
            {
                best = rule;
                bestScore = score;
            }
        }

        if (best is null)
        {
            return null;
        }

        var side = best.Kind is null && _reversing.Contains(kind) ? Opposite(best.Side) : best.Side;
        return (best, side);
    }

    private sealed record CompiledRule(BusinessFactKind? Kind, string Type, string? Qualifier, string Account, JournalSide Side, string? OffsetAccount);
}

/// <summary>What <see cref="PostingRules.Build"/> made of a fact.</summary>
public abstract record JournalBuildResult;

/// <summary>A balanced journal.</summary>
/// <param name="Journal">The journal.</param>
public sealed record JournalBuilt(ErpJournal Journal) : JournalBuildResult;

/// <summary>The fact moves no money: there is no journal to post and nothing to hold.</summary>
/// <param name="Reason">Why, in business words (kept on the intake's receipt).</param>
public sealed record NothingToPost(string Reason) : JournalBuildResult;

/// <summary>No balanced journal could be built; the fact is held as an exception.</summary>
/// <param name="Category">UnmappedTaxCode or UnbalancedJournal.</param>
/// <param name="Reason">A business-worded reason.</param>
/// <param name="Detail">What reports of the same problem share (the unmapped amounts, or the fact id), for the trace key.</param>
public sealed record JournalHeld(ExceptionCategory Category, string Reason, string Detail) : JournalBuildResult;
