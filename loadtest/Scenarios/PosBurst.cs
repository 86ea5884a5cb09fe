using Parity.Grains.StoreDays;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Scenarios;

/// <summary>
/// The pos-burst scenario: every store uploads one batch at the same instant, wave after wave (request i is store
/// i mod stores of wave i / stores), JSON and CSV mixed, some tickets with restocked returns. Afterwards every
/// acknowledged ticket must be in its store day exactly once and every store position's OnHand must equal
/// received − sold + restocked. In process the days are closed after the run and their postings counted in the
/// sandbox ERP (<see cref="CloseDaysAsync"/>, <see cref="ExpectedJournals"/>).
/// </summary>
internal sealed class PosBurst : IRequestDriver
{
    /// <summary>The scenario's name on the command line and in reports.</summary>
    public const string Name = "pos-burst";

    private readonly MixedOptions _options;
    private readonly AdminApi _api;

    /// <summary>Why duplicate postings read 0 against a gateway URL: the days are not closed and the ERP is not visible.</summary>
    public const string PostingsNotMeasured = "duplicatePostings: not measured: against a gateway URL the tool cannot see the ERP the silos post to, so it does not close the store days (their summaries would post to that ERP uncounted) and counts no journals (the 0 is not a measurement)";

    /// <summary>Creates the scenario; <paramref name="keys"/> says which key each batch carries.</summary>
    public PosBurst(HttpClient http, AdminApi api, ScenarioKeys keys, MixedOptions options, string runId)
    {
        _options = options;
        _api = api;
        RunId = runId;
        Skus = [.. Enumerable.Range(1, options.Skus).Select(n => $"PB-{runId}-{n}")];
        Stores = StoreIds(runId, options.Stores);
        Pos = new PosTraffic(http, api, keys, runId, Stores, Skus, DateOnly.FromDateTime(DateTime.UtcNow));
    }

    /// <summary>The store ids of run <paramref name="runId"/> (known before the host starts, which issues their keys).</summary>
    public static IReadOnlyList<string> StoreIds(string runId, int stores) => [.. Enumerable.Range(1, stores).Select(n => $"P{runId}-{n}")];

    /// <summary>Distinguishes this run's SKUs, stores and ids.</summary>
    public string RunId { get; }

    /// <summary>The SKUs sold.</summary>
    public IReadOnlyList<string> Skus { get; }

    /// <summary>The stores.</summary>
    public IReadOnlyList<string> Stores { get; }

    /// <summary>The uploads and their ledger.</summary>
    public PosTraffic Pos { get; }

    /// <summary>Receives stock for every SKU at every store.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var positions = Skus.SelectMany(s => Stores.Select(l => $"{s}@{l}")).ToList();
        await Parallel.ForEachAsync(positions, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (p, ct) => await _api.ReceiveAsync(p, _options.Stock, $"{RunId}-stock-{p.Replace('@', '-')}", ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>The operation of request <paramref name="index"/>: the batch's format.</summary>
    public string OperationOf(long index) => index < 0 ? "not-sent" : Plan(index).Csv ? "pos-batch-csv" : "pos-batch-json";

    public Task<RequestOutcome> SendAsync(long index, CancellationToken cancellationToken) => Pos.SendAsync(Plan(index), cancellationToken);

    private PosBatchPlan Plan(long index) =>
        Pos.Plan(Stores[(int)(index % Stores.Count)], index, _options.TicketsPerBatch, _options.Seed, withReturns: true);

    /// <summary>Closes every store day the run uploaded to, with each store's key; returns the ones that did not close.</summary>
    public Task<IReadOnlyList<string>> CloseDaysAsync(CancellationToken cancellationToken) => Pos.CloseDaysAsync(cancellationToken);

    /// <summary>The journals the acknowledged tickets imply once the days are closed (<see cref="PosTraffic.ExpectedJournals"/>).</summary>
    public IReadOnlyDictionary<string, int> ExpectedJournals(StoreDayOptions storeDays) => Pos.ExpectedJournals(storeDays);

    /// <summary><paramref name="result"/> with the duplicate postings counted in the sandbox ERP; days that did not
    /// close (<paramref name="closeFailures"/>) are named, their journals count as not posted.</summary>
    public static InvariantResult WithPostings(InvariantResult result, ErpPostingCount postings, IReadOnlyList<string> closeFailures) =>
        ErpPostingCheck.WithPostings(result, postings,
            "the acknowledged tickets of the closed store days (one summary per day with tickets, or one per ticket for per-ticket stores)", closeFailures);

    /// <summary>Store days against the acknowledged tickets, store positions against received − sold + restocked.</summary>
    public Task<InvariantResult> CheckAsync(CancellationToken cancellationToken) => CheckAsync(PostingsNotMeasured, cancellationToken);

    /// <summary>As <see cref="CheckAsync(CancellationToken)"/>, with <paramref name="duplicatePostingsNote"/> as the postings note.</summary>
    public async Task<InvariantResult> CheckAsync(string duplicatePostingsNote, CancellationToken cancellationToken)
    {
        var pos = await Pos.CheckAsync(_options.Stock, new Dictionary<string, long>(), cancellationToken).ConfigureAwait(false);
        return new InvariantResult(0, 0, 0, pos.Lost, 0,
            [.. pos.Notes,
                "oversold, safety-stock and cap breaches: not applicable, POS tickets record sales already made (no reservations); OnHand is compared instead",
                "lostAcknowledgements counts tickets acknowledged but missing from (or counted more than once in) their store day, and units by which a store position's OnHand differs from received − sold + restocked",
                duplicatePostingsNote],
            pos.Details);
    }
}
