namespace Parity.Runtime.Storage;

/// <summary>
/// Wraps a grain state storage for tests, as <see cref="FaultInjectingJournalStorage"/> wraps the journal: adds
/// latency to every write and clear, fails chosen writes, and counts what passed through. Reads pass unchanged.
/// </summary>
public sealed class FaultInjectingGrainStorage : IGrainStorage
{
    private readonly IGrainStorage _inner;
    private readonly TimeProvider _timeProvider;
    private int _failNextWrites;
    private long _writeCalls;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public FaultInjectingGrainStorage(IGrainStorage inner, TimeProvider? timeProvider = null)
    {
        _inner = inner;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Delay added before every write and clear. Default: none.</summary>
    public TimeSpan WriteLatency { get; set; }

    /// <summary>When set, writes and clears for which it returns true (state name, grain) fail with <see cref="StorageException"/>.</summary>
    public Func<string, GrainId, bool>? FailWhen { get; set; }

    /// <summary>Write and clear calls that reached this wrapper (including failed ones).</summary>
    public long WriteCalls => Interlocked.Read(ref _writeCalls);

    /// <summary>Makes the next <paramref name="count"/> writes or clears fail.</summary>
    public void FailNextWrites(int count) => Interlocked.Exchange(ref _failNextWrites, count);

    /// <inheritdoc />
    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
        => _inner.ReadAsync(stateName, grainId, cancellationToken);

    /// <inheritdoc />
    public async Task<string> WriteAsync(string stateName, GrainId grainId, string payload, string? expectedETag, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(stateName, grainId, "write", cancellationToken).ConfigureAwait(false);
        return await _inner.WriteAsync(stateName, grainId, payload, expectedETag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default)
    {
        await BeforeWriteAsync(stateName, grainId, "clear", cancellationToken).ConfigureAwait(false);
        await _inner.ClearAsync(stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
    }

    private async Task BeforeWriteAsync(string stateName, GrainId grainId, string operation, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writeCalls);
        if (WriteLatency > TimeSpan.Zero)
        {
            await Task.Delay(WriteLatency, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (InjectedFaults.TakeOne(ref _failNextWrites) || (FailWhen?.Invoke(stateName, grainId) ?? false))
        {
            throw new StorageException($"Injected fault: {operation} of state '{stateName}' of {grainId} failed.");
        }
    }
}
