using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.EventSourcing;
using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// The log view of one journaled grain activation on the Parity journal. Guarantees:
/// <list type="bullet">
/// <item>Group commit, pipelined: <see cref="Submit"/> applies an event to the tentative view at once and queues it;
/// while nothing is being written, everything queued is written in one conditional append; what is submitted while an
/// append is in flight goes in the next one. <see cref="ConfirmSubmittedEntries"/> completes when every event
/// submitted so far is durable.</item>
/// <item>Never a stale decision: each append is conditional on the journal's version. When one loses (another
/// activation wrote first) or the storage fails, nothing is re-applied or retried: every waiting caller gets a
/// <see cref="JournalWriteException"/>, conditional raises resolve false, later submissions throw, and the activation
/// deactivates itself so the next call loads the grain afresh.</item>
/// <item>The confirmed view holds durable events only; the tentative view adds the unconfirmed ones. Both are folded
/// incrementally, each event applied once to each.</item>
/// </list>
/// All members run on the grain's scheduler (the adaptor is single-threaded like the grain; it may interleave with a
/// reentrant grain's turns at awaits).
/// </summary>
internal sealed class ParityJournalAdaptor<TLogView, TLogEntry> : ILogViewAdaptor<TLogView, TLogEntry>
    where TLogView : class, new()
    where TLogEntry : class
{
    private readonly ILogViewAdaptorHost<TLogView, TLogEntry> _host;
    private readonly Action<DeactivationReason> _deactivate;
    private readonly GrainId _grainId;
    private readonly IJournalStorage _storage;
    private readonly TimeProvider _clock;
    private readonly JsonSerializerOptions _json;
    private readonly int _snapshotInterval;
    private readonly ILogger _logger;

    private TLogView _confirmed;
    private TLogView _tentative;
    private long _confirmedVersion;
    private long _lastSnapshotVersion;
    private Batch _queued = new();
    private Batch? _inFlight;
    private Task? _writeLoop;
    private Task? _snapshotWrite;
    private JournalWriteException? _failure;
    private bool _freshlyLoaded;
    private long _loadedSnapshotVersion;
    private long _loadedEvents;
    private LogConsistencyStatistics? _stats;
    private readonly bool _appendAtConfirm;

    public ParityJournalAdaptor(
        ILogViewAdaptorHost<TLogView, TLogEntry> host,
        TLogView initialState,
        GrainId grainId,
        Action<DeactivationReason> deactivate,
        IJournalStorage storage,
        TimeProvider clock,
        JsonSerializerOptions json,
        int snapshotInterval,
        ILogger logger,
        bool appendAtConfirm = false)
    {
        _appendAtConfirm = appendAtConfirm;
        _host = host;
        _deactivate = deactivate;
        _grainId = grainId;
        _storage = storage;
        _clock = clock;
        _json = json;
        _snapshotInterval = snapshotInterval;
        _logger = logger;
        _confirmed = initialState;
        _tentative = initialState;
    }

    public TLogView TentativeView => _tentative;

    public TLogView ConfirmedView => _confirmed;

    /// <remarks>Orleans counts versions in <see cref="int"/>; a journal longer than that throws <see cref="OverflowException"/>.</remarks>
    public int ConfirmedVersion => checked((int)_confirmedVersion);

    public IEnumerable<TLogEntry> UnconfirmedSuffix
        => _inFlight is { } inFlight ? [.. inFlight.Events, .. _queued.Events] : [.. _queued.Events];

    /// <summary>Loads the grain before the user's OnActivateAsync: the newest snapshot, then the events after it, without a gap.</summary>
    public async Task PreOnActivate()
    {
        JournalSnapshot? snapshot;
        IReadOnlyList<JournalEntry> tail;
        try
        {
            snapshot = await _storage.ReadSnapshotAsync(_grainId);
            tail = await _storage.ReadAsync(_grainId, snapshot?.Version ?? 0);
        }
        catch (Exception ex)
        {
            JournalLog.ReadFailed(_logger, ex, _grainId);
            throw new JournalReadException(_grainId, "the journal storage failed");
        }

        var view = _confirmed;
        long version = 0;
        if (snapshot is not null)
        {
            view = DeserializeSnapshot(snapshot);
            version = snapshot.Version;
        }

        version = FoldTail(view, version, tail);
        _confirmed = view;
        _confirmedVersion = version;
        _lastSnapshotVersion = snapshot?.Version ?? 0;
        _tentative = CopyOf(view);
        _freshlyLoaded = true;
        _loadedSnapshotVersion = snapshot?.Version ?? 0;
        _loadedEvents = tail.Count;
        NotifyHost(tentative: true, confirmed: true);
    }

    public Task PostOnActivate() => Task.CompletedTask;

    /// <summary>Lets a write and a snapshot in flight finish, so the next activation finds them in the journal.</summary>
    public async Task PostOnDeactivate()
    {
        // Appends-at-confirm: what a failed call raised and nobody confirmed is written as it would have been without it.
        StartWriting();
        while (_writeLoop is { } loop)
        {
            await loop;
        }

        if (_snapshotWrite is { } snapshot)
        {
            await snapshot;
        }
    }

    public void Submit(TLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfFailed();
        Enqueue([entry], conditional: null);
    }

    public void SubmitRange(IEnumerable<TLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ThrowIfFailed();
        Enqueue([.. entries], conditional: null);
    }

    /// <remarks>Resolves false when the append carrying the event fails, or at once when the activation already failed.</remarks>
    public Task<bool> TryAppend(TLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return TryEnqueue([entry]);
    }

    /// <remarks>Resolves false when the append carrying the events fails, or at once when the activation already failed.</remarks>
    public Task<bool> TryAppendRange(IEnumerable<TLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return TryEnqueue([.. entries]);
    }

    public Task ConfirmSubmittedEntries()
    {
        if (_failure is { } failure)
        {
            return Task.FromException(Fresh(failure));
        }

        StartWriting();

        // The queued batch is written after the one in flight, so waiting for the latest covers both.
        var latest = _queued.Count > 0 ? _queued : _inFlight;
        return latest is null ? Task.CompletedTask : WaitUntilDurableAsync(latest.Outcome);
    }

    /// <summary>
    /// Confirms everything submitted, then catches up with events another writer appended since (there are none while
    /// this activation is the only one). Right after activation the load has just read the journal, so nothing is read.
    /// </summary>
    public async Task Synchronize()
    {
        if (_freshlyLoaded && _queued.Count == 0 && _inFlight is null)
        {
            _freshlyLoaded = false;
            return;
        }

        await ConfirmSubmittedEntries();
        if (_queued.Count > 0 || _inFlight is not null)
        {
            return; // Raised meanwhile: their append is conditional and will tell.
        }

        var from = _confirmedVersion;
        IReadOnlyList<JournalEntry> tail;
        try
        {
            tail = await _storage.ReadAsync(_grainId, from);
        }
        catch (Exception ex)
        {
            JournalLog.ReadFailed(_logger, ex, _grainId);
            throw new JournalReadException(_grainId, "the journal storage failed");
        }

        if (tail.Count == 0 || _failure is not null || _queued.Count > 0 || _inFlight is not null || _confirmedVersion != from)
        {
            return;
        }

        // Nothing is pending, so the tentative view equals the confirmed one: fold the newer events into both.
        _confirmedVersion = FoldTail(_confirmed, from, tail);
        FoldTail(_tentative, from, tail);
        NotifyHost(tentative: true, confirmed: true);
    }

    public async Task<IReadOnlyList<TLogEntry>> RetrieveLogSegment(int fromVersion, int toVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(toVersion, fromVersion);
        if (toVersion == fromVersion)
        {
            return [];
        }

        IReadOnlyList<JournalEntry> entries;
        try
        {
            entries = await _storage.ReadAsync(_grainId, fromVersion, toVersion - fromVersion);
        }
        catch (Exception ex)
        {
            JournalLog.ReadFailed(_logger, ex, _grainId);
            throw new JournalReadException(_grainId, "the journal storage failed");
        }

        var events = new List<TLogEntry>(entries.Count);
        var expected = (long)fromVersion;
        foreach (var entry in entries)
        {
            if (entry.Sequence != ++expected)
            {
                throw new JournalReadException(_grainId, $"the journal has a gap: expected event {expected}, found {entry.Sequence}");
            }

            events.Add(DeserializeEvent(entry));
        }

        if (expected != toVersion)
        {
            throw new JournalReadException(_grainId, $"the journal holds events up to {expected}, not {toVersion}");
        }

        return events;
    }

    public void EnableStatsCollection()
    {
        _stats = new LogConsistencyStatistics
        {
            EventCounters = new Dictionary<string, long>
            {
                ["ActivationSnapshotVersion"] = _loadedSnapshotVersion,
                ["ActivationReplayedEvents"] = _loadedEvents,
                ["Submitted"] = 0,
                ["ConditionallySubmitted"] = 0,
                ["Appends"] = 0,
                ["AppendedEvents"] = 0,
                ["SnapshotsWritten"] = 0,
            },
            StabilizationLatenciesInMsecs = [],
        };
    }

    public void DisableStatsCollection() => _stats = null;

    public LogConsistencyStatistics? GetStats() => _stats;

    private Task<bool> TryEnqueue(List<TLogEntry> entries)
    {
        if (_failure is not null)
        {
            return Task.FromResult(false);
        }

        var result = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(entries, result);
        return result.Task;
    }

    private void Enqueue(List<TLogEntry> events, TaskCompletionSource<bool>? conditional)
    {
        if (events.Count == 0)
        {
            conditional?.TrySetResult(true);
            return;
        }

        // Lineage and payloads first: a failure here leaves every view untouched.
        var metadata = ParityRequestContext.Capture(_clock.GetUtcNow());
        var next = _confirmedVersion + (_inFlight?.Count ?? 0) + _queued.Count;
        var entries = new JournalEntry[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentException("An event is null.", nameof(events));
            entries[i] = new JournalEntry(next + 1 + i, e.GetType().Name, JsonSerializer.Serialize(e, typeof(TLogEntry), _json), metadata);
        }

        try
        {
            foreach (var e in events)
            {
                _host.UpdateView(_tentative, e);
            }
        }
        catch
        {
            // The fold may have half-applied: rebuild the tentative view from the confirmed one and what is pending.
            RebuildTentativeView();
            throw;
        }

        _freshlyLoaded = false;
        _queued.Add(events, entries, conditional);
        Count(conditional is null ? "Submitted" : "ConditionallySubmitted", events.Count);

        NotifyHost(tentative: true, confirmed: false);

        // A conditional raise is awaited for its own outcome, so it is written without waiting for a confirmation.
        if (!_appendAtConfirm || conditional is not null)
        {
            StartWriting();
        }
    }

    private void StartWriting()
    {
        if (_queued.Count > 0 && _failure is null)
        {
            _writeLoop ??= WriteLoopAsync();
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            // Let the current turn finish: everything it raises goes into the same append.
            await Task.Yield();
            while (_failure is null && _queued.Count > 0)
            {
                var batch = _queued;
                _queued = new Batch();
                _inFlight = batch;
                var expected = _confirmedVersion;
                try
                {
                    await _storage.AppendAsync(_grainId, expected, batch.Entries);
                }
                catch (Exception ex)
                {
                    _inFlight = null;
                    OnAppendFailed(batch, ex);
                    return;
                }

                _inFlight = null;
                OnAppended(batch, expected);
            }
        }
        finally
        {
            _writeLoop = null;
        }
    }

    private void OnAppended(Batch batch, long expected)
    {
        Exception? foldError = null;
        try
        {
            foreach (var e in batch.Events)
            {
                _host.UpdateView(_confirmed, e);
            }
        }
        catch (Exception ex)
        {
            foldError = ex;
        }

        _confirmedVersion = expected + batch.Count;
        Count("Appends", 1);
        Count("AppendedEvents", batch.Count);

        // The events are durable: their callers succeed whatever happens to this activation next.
        batch.Succeed();
        if (foldError is not null)
        {
            // The durable journal is intact; only this activation's confirmed view is not. The next one replays it.
            JournalLog.ConfirmedFoldFailed(_logger, foldError, _grainId, _confirmedVersion);
            FailActivation(new JournalWriteException(_grainId, isConflict: false, "the grain's state could not apply a confirmed event"), batch: null);
            return;
        }

        NotifyHost(tentative: false, confirmed: true);
        WriteSnapshotIfDue();
    }

    private void OnAppendFailed(Batch batch, Exception error)
    {
        var conflict = error is JournalConflictException;
        var failure = new JournalWriteException(
            _grainId,
            conflict,
            conflict ? "another activation of the grain wrote to its journal first" : "the journal storage failed");
        if (conflict)
        {
            JournalLog.AppendConflict(_logger, _grainId, _confirmedVersion, batch.Count);
        }
        else
        {
            JournalLog.AppendFailed(_logger, error, _grainId, _confirmedVersion, batch.Count);
        }

        FailActivation(failure, batch);
    }

    /// <summary>Fails every unconfirmed caller, refuses further submissions and deactivates this activation.</summary>
    private void FailActivation(JournalWriteException failure, Batch? batch)
    {
        var first = _failure is null;
        _failure ??= failure;
        var queued = _queued;
        _queued = new Batch();
        batch?.Fail(failure);
        queued.Fail(failure);
        try
        {
            _tentative = CopyOf(_confirmed);
        }
        catch (Exception ex)
        {
            JournalLog.TentativeRebuildFailed(_logger, ex, _grainId);
        }

        NotifyHost(tentative: true, confirmed: false);
        if (first)
        {
            _deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, failure.Message));
        }
    }

    private int SnapshotInterval() => _host is IJournalSnapshotPolicy<TLogView> policy
        ? Math.Max(1, policy.GetSnapshotInterval(_confirmed, _snapshotInterval))
        : _snapshotInterval;

    private void WriteSnapshotIfDue()
    {
        if (_snapshotWrite is not null || _confirmedVersion - _lastSnapshotVersion < SnapshotInterval())
        {
            return;
        }

        string payload;
        try
        {
            payload = JsonSerializer.Serialize(_confirmed, _json);
        }
        catch (Exception ex)
        {
            JournalLog.SnapshotFailed(_logger, ex, _grainId, _confirmedVersion);
            _lastSnapshotVersion = _confirmedVersion;
            return;
        }

        _lastSnapshotVersion = _confirmedVersion;
        var write = WriteSnapshotAsync(new JournalSnapshot(_confirmedVersion, payload, _clock.GetUtcNow()));

        // A storage that completes at once has already run the finally that clears the field.
        _snapshotWrite = write.IsCompleted ? null : write;
    }

    private async Task WriteSnapshotAsync(JournalSnapshot snapshot)
    {
        try
        {
            // Off the callers' path: they were answered when the append landed.
            await _storage.WriteSnapshotAsync(_grainId, snapshot);
            Count("SnapshotsWritten", 1);
        }
        catch (Exception ex)
        {
            // A missing snapshot only costs replay time at the next activation.
            JournalLog.SnapshotFailed(_logger, ex, _grainId, snapshot.Version);
        }
        finally
        {
            _snapshotWrite = null;
        }
    }

    private void RebuildTentativeView()
    {
        try
        {
            var view = CopyOf(_confirmed);
            foreach (var e in UnconfirmedSuffix)
            {
                _host.UpdateView(view, e);
            }

            _tentative = view;
        }
        catch (Exception ex)
        {
            JournalLog.TentativeRebuildFailed(_logger, ex, _grainId);
            // The append in flight still decides its own callers' outcome; only what is queued behind it fails.
            FailActivation(new JournalWriteException(_grainId, isConflict: false, "the grain's state could not apply its own events"), batch: null);
        }
    }

    private long FoldTail(TLogView view, long version, IReadOnlyList<JournalEntry> tail)
    {
        foreach (var entry in tail)
        {
            if (entry.Sequence != version + 1)
            {
                throw new JournalReadException(_grainId, $"the journal has a gap: expected event {version + 1}, found {entry.Sequence}");
            }

            var e = DeserializeEvent(entry);
            try
            {
                _host.UpdateView(view, e);
            }
            catch (Exception ex)
            {
                JournalLog.ReplayFoldFailed(_logger, ex, _grainId, entry.Sequence);
                throw new JournalReadException(_grainId, $"the grain's state could not apply event {entry.Sequence} ({entry.EventType})");
            }

            version = entry.Sequence;
        }

        return version;
    }

    private TLogEntry DeserializeEvent(JournalEntry entry)
    {
        try
        {
            return (TLogEntry?)JsonSerializer.Deserialize(entry.Payload, typeof(TLogEntry), _json)
                ?? throw new JsonException("The payload is null.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidCastException)
        {
            JournalLog.ReplayFoldFailed(_logger, ex, _grainId, entry.Sequence);
            throw new JournalReadException(_grainId, $"event {entry.Sequence} ({entry.EventType}) is not a {typeof(TLogEntry).Name}");
        }
    }

    private TLogView DeserializeSnapshot(JournalSnapshot snapshot)
    {
        try
        {
            return JsonSerializer.Deserialize<TLogView>(snapshot.Payload, _json) ?? throw new JsonException("The payload is null.");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            JournalLog.SnapshotUnreadable(_logger, ex, _grainId, snapshot.Version);
            throw new JournalReadException(_grainId, $"its snapshot at version {snapshot.Version} is not a {typeof(TLogView).Name}");
        }
    }

    // The tentative view starts as a JSON round trip of the confirmed one: the same JSON the snapshots hold.
    private TLogView CopyOf(TLogView view)
        => JsonSerializer.Deserialize<TLogView>(JsonSerializer.Serialize(view, _json), _json) ?? new TLogView();

    private static async Task WaitUntilDurableAsync(Task<JournalWriteException?> outcome)
    {
        if (await outcome is { } failure)
        {
            throw Fresh(failure);
        }
    }

    // Each caller gets its own instance: one exception object rethrown by many concurrent calls would have its
    // stack trace rewritten while another response is being serialized.
    private static JournalWriteException Fresh(JournalWriteException failure) => new(failure.GrainId, failure.IsConflict, failure.Reason);

    private void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw Fresh(failure);
        }
    }

    private void Count(string counter, long amount)
    {
        if (_stats is { } stats)
        {
            stats.EventCounters[counter] = stats.EventCounters.GetValueOrDefault(counter) + amount;
        }
    }

    private void NotifyHost(bool tentative, bool confirmed)
    {
        try
        {
            _host.OnViewChanged(tentative, confirmed);
        }
        catch (Exception ex)
        {
            JournalLog.ViewChangedCallbackFailed(_logger, ex, _grainId);
        }
    }

    /// <summary>Events submitted together and the callers waiting on them.</summary>
    private sealed class Batch
    {
        private TaskCompletionSource<JournalWriteException?>? _outcome;
        private List<TaskCompletionSource<bool>>? _conditionals;

        public List<TLogEntry> Events { get; } = [];

        public List<JournalEntry> Entries { get; } = [];

        public int Count => Entries.Count;

        /// <summary>Null once the batch is durable; the failure when its append failed. Created when someone waits.</summary>
        public Task<JournalWriteException?> Outcome => (_outcome ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public void Add(List<TLogEntry> events, JournalEntry[] entries, TaskCompletionSource<bool>? conditional)
        {
            Events.AddRange(events);
            Entries.AddRange(entries);
            if (conditional is not null)
            {
                (_conditionals ??= []).Add(conditional);
            }
        }

        public void Succeed()
        {
            _outcome?.TrySetResult(null);
            foreach (var conditional in _conditionals ?? [])
            {
                conditional.TrySetResult(true);
            }
        }

        public void Fail(JournalWriteException failure)
        {
            _outcome?.TrySetResult(failure);
            foreach (var conditional in _conditionals ?? [])
            {
                conditional.TrySetResult(false);
            }
        }
    }
}
