using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Reconciliation;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Reconciliation;

/// <summary>
/// Computes the figures finance asks for from what the grains keep: captures (receivables of each provider),
/// order placements, POS tickets, settlement-line and posting observations (the figures grain), exceptions (the queue)
/// and provisional receivables. What no grain feeds yet is null and listed as unavailable with the reason.
/// </summary>
/// <remarks>
/// Every exception rate divides the exceptions of one transaction type raised that day by that day's transactions of
/// the type: orders placed (order), POS tickets recorded (store-sale), payments captured (payment), settlement lines
/// needing an order (settlement-line) and journals posted (posting). An exception that names its transaction type counts
/// there instead: a reservation no order holds (a cart) names <see cref="TransactionTypes.Reservation"/>, in no rate.
/// </remarks>
public static class ReconciliationCalculator
{
    private const string PostingNotFed =
        "No journal of this channel and day has reached the ERP yet (ERP posting reports each journal it posts, with its latency and duplicates, to the figures source).";

    /// <summary>Which transaction type an exception category belongs to, for the exception rates.</summary>
    public static string TransactionType(ExceptionCategory category) => category switch
    {
        ExceptionCategory.MissingSettlement => "payment",
        ExceptionCategory.SettlementVariance or ExceptionCategory.UnmatchedSettlementLine => "settlement-line",
        ExceptionCategory.UnbalancedJournal or ExceptionCategory.ErpRejected or ExceptionCategory.ErpUnavailable => "posting",
        ExceptionCategory.NegativeStock => "store-sale",
        _ => "order",
    };

    /// <summary>Reads every source for <paramref name="channel"/> on <paramref name="day"/> and computes the figures.</summary>
    public static async Task<ReconciliationFigures> ReadAsync(IGrainFactory grains, string channel, DateOnly day, DateTimeOffset now, IEnumerable<string> providers)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var captures = new List<CaptureRecord>();
        var provisional = new List<ProvisionalReceivable>();
        var buckets = new List<(string Provider, ReceivableAgeBucket Bucket)>();
        foreach (var provider in providers)
        {
            var receivables = grains.GetGrain<IReceivablesGrain>(provider);
            captures.AddRange(await receivables.GetCapturesAsync(channel, day));
            var provisionalOfProvider = (await receivables.GetProvisionalAsync(now, channel)).Buckets;
            buckets.AddRange(provisionalOfProvider.Select(b => (provider, b)));
            provisional.AddRange(provisionalOfProvider.Select(b => new ProvisionalReceivable(provider, b.Age, b.Currency, b.Count, b.Amount)));
        }

        var summary = await grains.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For(channel, day)).GetAsync();
        var exceptions = (await grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).GetAsync())
            .Where(r => r.Channel == channel && DateOnly.FromDateTime(r.FirstRaisedAt.UtcDateTime) == day)
            .ToList();
        var figures = Compute(channel, day, captures, summary, exceptions, provisional);
        var outOfBounds = buckets.Where(b => b.Bucket.OutOfBounds is { Count: > 0 })
            .SelectMany(b => b.Bucket.OutOfBounds!.Select(reference => $"{b.Provider}:{reference}")).ToList();
        if (outOfBounds.Count == 0)
        {
            return figures;
        }

        // Named, not summed: the report answers, and says which captures to correct.
        var unavailable = new SortedDictionary<string, string>(figures.Unavailable.ToDictionary(), StringComparer.Ordinal)
        {
            ["provisionalReceivables"] = $"Captures beyond 1,000,000,000.00 are left out of the amounts: {string.Join(", ", outOfBounds.Take(20))}.",
        };
        return figures with { Unavailable = unavailable };
    }

    /// <summary>The figures from their inputs.</summary>
    public static ReconciliationFigures Compute(string channel, DateOnly day, IReadOnlyList<CaptureRecord> captures, FigureSummary summary,
        IReadOnlyList<ExceptionRecord> exceptions, IReadOnlyList<ProvisionalReceivable> provisional)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var unavailable = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // Orders are counted when placed, not when paid: a marketplace's order is paid through its settlement and a
        // web order may be captured at shipment, days later, so captures undercount the day's orders.
        var ordersCaptured = summary.Count(FigureKind.OrderPlaced);
        var paymentsCaptured = captures.Select(c => c.OrderId).Distinct().Count();
        var settled = captures.Where(c => c.SettledBy is not null).Select(c => c.OrderId).Distinct().Count();

        var posted = summary.Count(FigureKind.JournalPosted);
        int? postedToErp = posted > 0 ? posted : null;
        double? share = posted > 0 ? (double)summary.PostedAutomatically / posted : null;
        double? duplicateRate = posted > 0 ? (double)summary.Count(FigureKind.DuplicateSuppressed) / posted : null;
        var latency = summary.PostingLatenciesMilliseconds.Count > 0
            ? new LatencyFigures(Percentile(summary.PostingLatenciesMilliseconds, 0.50), Percentile(summary.PostingLatenciesMilliseconds, 0.99), summary.PostingLatenciesMilliseconds.Count)
            : null;
        if (posted == 0)
        {
            unavailable["postedToErp"] = PostingNotFed;
            unavailable["shareAutomaticallyPosted"] = PostingNotFed;
            unavailable["duplicateRate"] = PostingNotFed;
        }

        if (latency is null)
        {
            unavailable["syncLatency"] = PostingNotFed;
        }

        var lines = summary.Count(FigureKind.SettlementLineMatched) + summary.Count(FigureKind.SettlementLineUnmatched);
        double? matchRate = lines > 0 ? (double)summary.Count(FigureKind.SettlementLineMatched) / lines : null;
        if (lines == 0)
        {
            unavailable["settlementMatchRate"] = "No settlement batch dated this day has lines for this channel yet.";
        }

        var transactions = new Dictionary<string, int?>(StringComparer.Ordinal)
        {
            ["order"] = ordersCaptured,
            ["store-sale"] = summary.Count(FigureKind.StoreTicketsRecorded),
            ["payment"] = paymentsCaptured,
            ["settlement-line"] = lines,
            ["posting"] = postedToErp,
        };
        var rates = transactions.Keys
            .Select(type =>
            {
                // An exception may name its transaction type: a cart's lost reservation is no order's exception.
                var count = exceptions.Count(e => (e.TransactionType ?? TransactionType(e.Category)) == type);
                var denominator = transactions[type];
                return new ExceptionRate(type, count, denominator, denominator is > 0 ? (double)count / denominator.Value : null);
            })
            .ToList();
        if (postedToErp is null)
        {
            unavailable["exceptionRates.posting"] = PostingNotFed;
        }

        var durations = exceptions.Where(e => e.ResolvedAt is not null)
            .Select(e => (e.ResolvedAt!.Value - e.FirstRaisedAt).TotalMinutes)
            .Order()
            .ToList();
        var resolution = new ResolutionFigures(exceptions.Count, durations.Count,
            durations.Count > 0 ? Percentile(durations, 0.5) : null, durations.Count > 0 ? durations[^1] : null);
        return new ReconciliationFigures(channel, day, ordersCaptured, paymentsCaptured, postedToErp, settled, share, rates, latency, duplicateRate,
            resolution, matchRate, provisional, unavailable);
    }

    // Nearest-rank percentile of an ascending list.
    private static double Percentile(IReadOnlyList<double> ascending, double p) =>
        ascending[Math.Clamp((int)Math.Ceiling(p * ascending.Count) - 1, 0, ascending.Count - 1)];
}
