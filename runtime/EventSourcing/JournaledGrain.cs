using System.Text.Json;
using Microsoft.Extensions.Logging;
using Parity.Runtime.Activation;
using Parity.Runtime.Storage;

namespace Parity.Runtime.EventSourcing;

/// <summary>
/// A grain whose state is the fold of its journal of events (Orleans' JournaledGrain), with pipelined
/// group commit: events raised by consecutive turns are appended together in one conditional write
/// while later turns keep running; each caller is answered only when the events raised up to the end
/// of its turn are durable. A failed append fails every unconfirmed caller with a retryable
/// <see cref="JournalWriteException"/> and reloads the grain from storage (or, when another activation
/// won the conditional append, deactivates it) before any further turn runs.
/// </summary>
/// <remarks>
/// Unlike Orleans, <see cref="State"/> is the tentative state (confirmed plus raised events): decisions
/// must see every earlier turn's effect, and no caller learns of an effect before it is durable.
/// </remarks>
public abstract class JournaledGrain<TState, TEvent> : Grain, IJournalParticipant
    where TState : class, new()
    where TEvent : class
{
    private TState _state = new();
    private long _version;
    private long _confirmedVersion;
    private long _lastSnapshotVersion;
    private List<JournalEntry> _pending = [];
    private TaskCompletionSource? _pendingBatch;
    private TaskCompletionSource? _inFlightBatch;
    private bool _appending;
    private JournalWriteException? _failure;

    /// <summary>The state with every raised event applied (confirmed or not).</summary>
    protected TState State => _state;

    /// <summary>Number of events raised so far (the journal sequence of the last one).</summary>
    protected long Version => _version;

    /// <summary>Number of events known to be durable.</summary>
    protected long ConfirmedVersion => _confirmedVersion;

    /// <summary>Events raised but not yet durable.</summary>
    protected long UnconfirmedCount => _version - _confirmedVersion;

    /// <summary>A snapshot is written every this many events. Default: the silo's JournalSnapshotInterval.</summary>
    protected virtual int SnapshotInterval => Activation.Silo.Options.JournalSnapshotInterval;

    /// <summary>JSON settings for events and snapshots.</summary>
    protected virtual JsonSerializerOptions JsonOptions => ParityJson.Options;

    /// <summary>
    /// Applies <paramref name="event"/> to <see cref="State"/> now and queues it for the journal. Lineage
    /// (correlation, causation, source system and event id) comes from <paramref name="source"/> or else
    /// from the <see cref="RequestContext"/> of the current call.
    /// </summary>
    protected void RaiseEvent(TEvent @event, EventSource? source = null)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (_failure is not null)
        {
            throw _failure;
        }

        var payload = JsonSerializer.Serialize(@event, typeof(TEvent), JsonOptions);
        try
        {
            TransitionState(_state, @event);
        }
        catch
        {
            // The fold may have half-applied; the durable journal is the truth.
            Activation.RequestReload(ReloadAsync);
            throw;
        }

        _version++;
        var metadata = new EventMetadata(
            RequestContext.CorrelationId,
            source?.CausationId ?? RequestContext.CausationId,
            source?.SourceSystem ?? RequestContext.SourceSystem,
            source?.SourceEventId ?? RequestContext.SourceEventId,
            TimeProvider.GetUtcNow());
        _pending.Add(new JournalEntry(_version, @event.GetType().Name, payload, metadata));
        _pendingBatch ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Raises several events in order.</summary>
    protected void RaiseEvents(IEnumerable<TEvent> events, EventSource? source = null)
    {
        foreach (var e in events)
        {
            RaiseEvent(e, source);
        }
    }

    /// <summary>Waits until every event raised so far is durable. Calls do this implicitly when their turn
    /// ends; awaiting it inside a turn gives up pipelining for that turn.</summary>
    protected Task ConfirmEvents() => ((IJournalParticipant)this).OnTurnEnded() ?? Task.CompletedTask;

    /// <summary>Applies one event to the state. The default calls <see cref="IJournaledState{TEvent}.Apply"/>.</summary>
    protected virtual void TransitionState(TState state, TEvent @event)
    {
        if (state is IJournaledState<TEvent> journaled)
        {
            journaled.Apply(@event);
            return;
        }

        throw new InvalidOperationException($"{GetType().Name} must override TransitionState or its state must implement IJournaledState<{typeof(TEvent).Name}>.");
    }

    /// <summary>Reads confirmed events with sequences from <paramref name="fromVersion"/> to <paramref name="toVersion"/> inclusive.</summary>
    protected async Task<IReadOnlyList<JournaledEvent<TEvent>>> RetrieveConfirmedEvents(long fromVersion, long toVersion)
    {
        if (toVersion < fromVersion)
        {
            return [];
        }

        var entries = await Activation.Silo.JournalStorage.ReadAsync(GrainId, fromVersion - 1, (int)Math.Min(int.MaxValue, toVersion - fromVersion + 1));
        var result = new List<JournaledEvent<TEvent>>(entries.Count);
        foreach (var entry in entries)
        {
            result.Add(new JournaledEvent<TEvent>(entry.Sequence, Deserialize(entry), entry.Metadata));
        }

        return result;
    }

    internal override Task OnLoadAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    internal override async Task<Inspection.GrainInspection> InspectCoreAsync(int maxEvents)
    {
        // Serialized now, inside the turn, so the JSON is the state as of this turn.
        var state = JsonSerializer.Serialize(_state, JsonOptions);
        var (version, confirmed) = (_version, _confirmedVersion);
        var events = new List<Inspection.InspectedEvent>();
        if (maxEvents > 0 && confirmed > 0)
        {
            var from = Math.Max(0, confirmed - maxEvents);
            foreach (var entry in await Activation.Silo.JournalStorage.ReadAsync(GrainId, from, maxEvents))
            {
                events.Add(new Inspection.InspectedEvent(entry.Sequence, entry.EventType, entry.Payload, entry.Metadata));
            }
        }

        return CreateInspection("journaled", version, confirmed, state, events);
    }

    Task? IJournalParticipant.OnTurnEnded()
    {
        if (_failure is not null)
        {
            return Task.FromException(_failure);
        }

        if (_version == _confirmedVersion)
        {
            return null;
        }

        var latest = _pendingBatch?.Task ?? _inFlightBatch?.Task ?? Task.CompletedTask;
        if (!_appending && _pending.Count > 0)
        {
            _ = AppendLoopAsync();
        }

        return latest;
    }

    Task IJournalParticipant.FlushAsync() => ((IJournalParticipant)this).OnTurnEnded() ?? Task.CompletedTask;

    private async Task AppendLoopAsync()
    {
        _appending = true;
        var silo = Activation.Silo;
        try
        {
            while (_pending.Count > 0 && _failure is null)
            {
                var batch = _pending;
                var batchDone = _pendingBatch!;
                _pending = [];
                _pendingBatch = null;
                _inFlightBatch = batchDone;
                var expected = _confirmedVersion;
                var newVersion = expected + batch.Count;

                // Pending is empty now, so the live state is exactly the fold up to newVersion.
                var snapshot = newVersion - _lastSnapshotVersion >= SnapshotInterval
                    ? JsonSerializer.Serialize(_state, JsonOptions)
                    : null;
                var start = silo.TimeProvider.GetTimestamp();
                try
                {
                    await silo.JournalStorage.AppendAsync(GrainId, expected, batch);
                    silo.StatisticsInternal.RecordAppend(silo.TimeProvider.GetElapsedTime(start), batch.Count, succeeded: true);
                }
                catch (Exception e)
                {
                    silo.StatisticsInternal.RecordAppend(silo.TimeProvider.GetElapsedTime(start), batch.Count, succeeded: false);
                    OnAppendFailed(e, batchDone);
                    return;
                }

                _confirmedVersion = newVersion;
                _inFlightBatch = null;
                batchDone.TrySetResult();
                if (snapshot is not null)
                {
                    _lastSnapshotVersion = newVersion;
                    _ = WriteSnapshotAsync(new JournalSnapshot(newVersion, snapshot, silo.TimeProvider.GetUtcNow()));
                }
            }
        }
        finally
        {
            _appending = false;
        }
    }

    private void OnAppendFailed(Exception error, TaskCompletionSource batchDone)
    {
        var reason = error is InconsistentStateException ? "another activation wrote to its journal first" : error.Message;
        var failure = new JournalWriteException(GrainId, reason, error);
        _failure = failure;
        _inFlightBatch = null;
        batchDone.TrySetException(failure);
        _pendingBatch?.TrySetException(failure);
        _pendingBatch = null;
        _pending.Clear();
        Logger.LogWarning(error, "Append to the journal of {GrainId} failed; unconfirmed callers are failed", GrainId);
        if (error is InconsistentStateException)
        {
            // Principle 1: the loser of a conditional append steps aside; the next call activates afresh.
            Activation.RequestDeactivation(DeactivationReason.InconsistentState);
        }
        else
        {
            Activation.RequestReload(ReloadAsync);
        }
    }

    private async Task WriteSnapshotAsync(JournalSnapshot snapshot)
    {
        try
        {
            await Activation.Silo.JournalStorage.WriteSnapshotAsync(GrainId, snapshot);
        }
        catch (Exception e)
        {
            // A missing snapshot only costs replay time at the next activation.
            Logger.LogWarning(e, "Snapshot of {GrainId} at version {Version} failed", GrainId, snapshot.Version);
        }
    }

    private async Task ReloadAsync()
    {
        // Raised events not yet written are dropped with the tentative state: their callers hear so now (a retryable
        // failure) instead of waiting on a batch that will never be written, and an append still in flight ends
        // before the journal is read, so it cannot move the confirmed version of the reloaded state.
        if (_pendingBatch is { } dropped)
        {
            _pendingBatch = null;
            _pending = [];
            dropped.TrySetException(new JournalWriteException(GrainId, "the grain reloaded its state from storage before they were written"));
        }

        if (_inFlightBatch is { } inFlight)
        {
            await inFlight.Task.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Current);
        }

        await LoadAsync(CancellationToken.None);
        _failure = null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var storage = Activation.Silo.JournalStorage;
        var state = new TState();
        long version = 0;
        var snapshot = await storage.ReadSnapshotAsync(GrainId, cancellationToken);
        if (snapshot is not null)
        {
            state = JsonSerializer.Deserialize<TState>(snapshot.Payload, JsonOptions)
                ?? throw new InvalidOperationException($"Snapshot of {GrainId} at {snapshot.Version} is empty.");
            version = snapshot.Version;
        }

        foreach (var entry in await storage.ReadAsync(GrainId, version, int.MaxValue, cancellationToken))
        {
            if (entry.Sequence != version + 1)
            {
                throw new InvalidOperationException($"Journal of {GrainId} has a gap: expected {version + 1}, found {entry.Sequence}.");
            }

            TransitionState(state, Deserialize(entry));
            version = entry.Sequence;
        }

        _state = state;
        _version = version;
        _confirmedVersion = version;
        _lastSnapshotVersion = snapshot?.Version ?? 0;
        _pending = [];
        _pendingBatch = null;
        _inFlightBatch = null;
    }

    private TEvent Deserialize(JournalEntry entry) =>
        (TEvent?)JsonSerializer.Deserialize(entry.Payload, typeof(TEvent), JsonOptions)
        ?? throw new InvalidOperationException($"Event {entry.Sequence} of {GrainId} is empty.");
}
