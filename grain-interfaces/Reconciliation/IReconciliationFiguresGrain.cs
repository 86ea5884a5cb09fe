using System.Text.Json.Serialization;
using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Reconciliation;

/// <summary>
/// The figures source of one channel and day (key <c>{channel}:{yyyy-MM-dd}</c>, UTC): observations that the
/// reconciliation figures are computed from and that no other grain keeps by channel and day. Settlement batches
/// observe each line's match; ERP posting observes each journal posted
/// (<see cref="FigureKind.JournalPosted"/> with its event-to-ERP latency and whether it was posted without a person)
/// and each duplicate it suppressed; orders observe their placement (<see cref="FigureKind.OrderPlaced"/>, id = the
/// order id, on the day it was placed) and store days each POS batch (<see cref="FigureKind.StoreTicketsRecorded"/>,
/// id = store day and batch id, with the tickets it recorded). Observing is an upsert by observation id, so senders may
/// retry freely and a later observation of the same id (a line matched after an edit) replaces the earlier one.
/// </summary>
[Orleans.Alias("parity.reconciliation.IReconciliationFiguresGrain")]
public interface IReconciliationFiguresGrain : IGrainWithStringKey
{
    /// <summary>Records (or replaces) an observation.</summary>
    /// <returns>True when something changed.</returns>
    [Orleans.Alias("Observe")]
    Task<bool> ObserveAsync(FigureObservation observation);

    /// <summary>What was observed.</summary>
    [Orleans.Alias("Get")]
    [AlwaysInterleave]
    Task<FigureSummary> GetAsync();
}

/// <summary>Keys of <see cref="IReconciliationFiguresGrain"/> (a static member on the interface would read as a grain method).</summary>
public static class ReconciliationFigureKeys
{
    /// <summary>The key of a channel's day.</summary>
    public static string For(string channel, DateOnly day) => $"{channel}:{day:yyyy-MM-dd}";
}

/// <summary>One observation.</summary>
/// <param name="ObservationId">Its id: the same id again replaces the earlier observation.</param>
/// <param name="Kind">What was observed.</param>
/// <param name="LatencyMilliseconds">For <see cref="FigureKind.JournalPosted"/>: business event to ERP acknowledgement.</param>
/// <param name="Automatic">For <see cref="FigureKind.JournalPosted"/>: posted without a person (nobody acted on an
/// exception on its way to the ERP nor asked for it).</param>
/// <param name="Count">How many transactions the observation stands for (a POS batch's tickets); null counts as one.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.reconciliation.FigureObservation")]
public sealed record FigureObservation(
    [property: Orleans.Id(0)] string ObservationId,
    [property: Orleans.Id(1)] FigureKind Kind,
    [property: Orleans.Id(2)] double? LatencyMilliseconds = null,
    [property: Orleans.Id(3)] bool? Automatic = null,
    [property: Orleans.Id(4)] int? Count = null);

/// <summary>What an observation says.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FigureKind>))]
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.reconciliation.FigureKind")]
public enum FigureKind
{
    /// <summary>A settlement line matched its order.</summary>
    SettlementLineMatched,

    /// <summary>A settlement line matched no order.</summary>
    SettlementLineUnmatched,

    /// <summary>A journal reached the ERP (posting side).</summary>
    JournalPosted,

    /// <summary>A duplicate event or journal was suppressed (posting side).</summary>
    DuplicateSuppressed,

    /// <summary>An order was placed (order side; one observation per order id, so a retried placement counts once).</summary>
    OrderPlaced,

    /// <summary>A POS batch recorded tickets (store-day side; one observation per batch, <see cref="FigureObservation.Count"/>
    /// = tickets it recorded, duplicates and conflicts excluded, so a ticket counts once whatever batch carries it).</summary>
    StoreTicketsRecorded,
}

/// <summary>The observations of a channel's day, counted.</summary>
/// <param name="Counts">Transactions observed per kind: one per observation, or its <see cref="FigureObservation.Count"/>.</param>
/// <param name="PostingLatenciesMilliseconds">Latencies of journals posted, ascending.</param>
/// <param name="PostedAutomatically">Journals posted without a person.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.reconciliation.FigureSummary")]
public sealed record FigureSummary(
    [property: Orleans.Id(0)] IReadOnlyDictionary<FigureKind, int> Counts,
    [property: Orleans.Id(1)] IReadOnlyList<double> PostingLatenciesMilliseconds,
    [property: Orleans.Id(2)] int PostedAutomatically)
{
    /// <summary>Transactions observed of one kind.</summary>
    public int Count(FigureKind kind) => Counts.GetValueOrDefault(kind);
}
