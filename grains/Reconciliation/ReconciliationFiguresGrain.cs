using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Reconciliation;
using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Providers.Journal;

namespace Parity.Grains.Reconciliation;

/// <summary>A channel's day of figure observations, journaled; upsert by observation id. Reentrant for group commit:
/// every call decides before its first await.</summary>
[Reentrant]
[GrainType("reconciliation-figures")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class ReconciliationFiguresGrain : JournaledGrain<ReconciliationFiguresState, FigureObserved>, IReconciliationFiguresGrain
{
    /// <inheritdoc />
    public async Task<bool> ObserveAsync(FigureObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentException.ThrowIfNullOrEmpty(observation.ObservationId);
        if (TentativeState.Observations.TryGetValue(observation.ObservationId, out var held) && held == observation)
        {
            await ConfirmEvents();
            return false;
        }

        RaiseEvent(new FigureObserved(observation));
        await ConfirmEvents();
        return true;
    }

    /// <inheritdoc />
    public Task<FigureSummary> GetAsync()
    {
        var observations = TentativeState.Observations.Values;
        // An observation may stand for several transactions (a POS batch for its tickets).
        var counts = observations.GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.Sum(o => o.Count ?? 1));
        var posted = observations.Where(o => o.Kind == FigureKind.JournalPosted).ToList();
        return Task.FromResult(new FigureSummary(counts,
            posted.Where(o => o.LatencyMilliseconds is not null).Select(o => o.LatencyMilliseconds!.Value).Order().ToList(),
            posted.Count(o => o.Automatic == true)));
    }

    /// <inheritdoc />
    protected override void TransitionState(ReconciliationFiguresState state, FigureObserved @event) =>
        state.Observations[@event.Observation.ObservationId] = @event.Observation;
}

/// <summary>The figures grain's one event.</summary>
/// <param name="Observation">The observation.</param>
public sealed record FigureObserved([property: JsonRequired] FigureObservation Observation);

/// <summary>Observations by id. Public get/set members so that it round-trips through a JSON snapshot.</summary>
public sealed class ReconciliationFiguresState
{
    /// <summary>The latest observation of each id.</summary>
    public Dictionary<string, FigureObservation> Observations { get; set; } = new(StringComparer.Ordinal);
}
