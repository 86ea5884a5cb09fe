using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Scenarios;

/// <summary>
/// The pos-burst scenario: every store uploads one batch at the same instant, wave after wave (request i is store
/// i mod stores of wave i / stores), JSON and CSV mixed, some tickets with restocked returns. Afterwards every
/// acknowledged ticket must be in its store day exactly once and every store position's OnHand must equal
/// received − sold + restocked.
/// </summary>
internal sealed class PosBurst : IRequestDriver
{
    /// <summary>The scenario's name on the command line and in reports.</summary>
    public const string Name = "pos-burst";

    private readonly MixedOptions _options;
    private readonly AdminApi _api;

    public PosBurst(HttpClient http, AdminApi api, MixedOptions options, string runId)
    {
        _options = options;
        _api = api;
        RunId = runId;
        Skus = [.. Enumerable.Range(1, options.Skus).Select(n => $"PB-{runId}-{n}")];
        Stores = [.. Enumerable.Range(1, options.Stores).Select(n => $"P{runId}-{n}")];
        Pos = new PosTraffic(http, api, runId, Stores, Skus, DateOnly.FromDateTime(DateTime.UtcNow));
    }

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

    /// <summary>Store days against the acknowledged tickets, store positions against received − sold + restocked.</summary>
    public async Task<InvariantResult> CheckAsync(CancellationToken cancellationToken)
    {
        var pos = await Pos.CheckAsync(_options.Stock, new Dictionary<string, long>(), cancellationToken).ConfigureAwait(false);
        return new InvariantResult(0, 0, 0, pos.Lost, 0,
            [.. pos.Notes,
                "oversold, safety-stock and cap breaches: not applicable, POS tickets record sales already made (no reservations); OnHand is compared instead",
                "lostAcknowledgements counts tickets acknowledged but missing from (or counted more than once in) their store day, and units by which a store position's OnHand differs from received − sold + restocked",
                "duplicatePostings: not measured: store days post one summary per day at close and this run does not close days"],
            pos.Details);
    }
}
