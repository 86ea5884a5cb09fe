using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Reconciliation;
using Parity.Runtime;
using Parity.Runtime.EventSourcing;

namespace Parity.Grains.Reconciliation;

/// <summary>A channel's day of figure observations, journaled; upsert by observation id.</summary>
[GrainType("reconciliation-figures")]
public sealed class ReconciliationFiguresGrain : JournaledGrain<ReconciliationFiguresState, FigureObserved>, IReconciliationFiguresGrain
{
    /// <inheritdoc />
    public Task<bool> ObserveAsync(FigureObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentException.ThrowIfNullOrEmpty(observation.ObservationId);
        if (State.Observations.TryGetValue(observation.ObservationId, out var held) && held == observation)
        {
            return Task.FromResult(false);
        }

        RaiseEvent(new FigureObserved(observation));
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<FigureSummary> GetAsync()
    {
        var observations = State.Observations.Values;
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
