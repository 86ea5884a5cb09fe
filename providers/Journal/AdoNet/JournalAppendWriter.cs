using System.Threading.Channels;
using Orleans.Runtime;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>
/// The silo-wide coalescing writer. Guarantees: every queued append completes exactly once, with success only after
/// its rows are committed; appends of many grains are written as multi-row statements, atomically per batch; when a
/// batch loses on a conflict it is replayed one append at a time, so only the conflicting grain's append fails and
/// the others still land. Appends of one grain keep their queue order, and once one fails the later ones of that
/// grain in the same batch fail too (they were computed on top of it).
/// </summary>
internal sealed class JournalAppendWriter : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly JournalCommands _commands;
    private readonly SqlDialect _dialect;
    private readonly int _maxBatchSize;
    private readonly Task _loop;
    private TaskCompletionSource? _paused;
    private int _queueLength;

    public JournalAppendWriter(JournalCommands commands, SqlDialect dialect, int maxBatchSize)
    {
        _commands = commands;
        _dialect = dialect;
        _maxBatchSize = maxBatchSize;

        // The writer is created inside the first grain call that needs it; its loop must not carry that call's
        // RequestContext and trace (Activity) into every later batch.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>The counters of batches, statements, appends and replays.</summary>
    public JournalMetrics Metrics => _commands.Metrics;

    /// <summary>Appends queued and not yet taken into a batch.</summary>
    public int QueueLength => Volatile.Read(ref _queueLength);

    public Task EnqueueAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries)
    {
        var pending = new PendingAppend(grainId, expectedVersion, entries);
        Interlocked.Increment(ref _queueLength);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _queueLength);
            throw new ObjectDisposedException(nameof(AdoNetJournalStorage), "The journal storage is stopped; the append was not queued.");
        }

        return pending.Completion.Task;
    }

    /// <summary>
    /// Test seam: holds the loop before it drains its next batch, so a test can queue many appends and know they are
    /// written together. Dispose the result to let the loop go on.
    /// </summary>
    internal IDisposable Pause()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _paused, gate);
        return new Resume(this, gate);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Volatile.Read(ref _paused)?.TrySetResult();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>(Math.Min(_maxBatchSize, 1024));
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (Volatile.Read(ref _paused) is { } gate)
            {
                await gate.Task.ConfigureAwait(false);
            }

            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            Interlocked.Add(ref _queueLength, -batch.Count);

            // Counted before any append of the batch completes, so a caller that saw its append finish sees the count.
            Metrics.RecordBatch(batch.Count);
            try
            {
                await WriteBatchAsync(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Never let the loop die: whatever is still pending fails and the writer goes on.
                FailAll(batch, ex);
            }

            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<PendingAppend> batch)
    {
        if (batch.Count == 1)
        {
            await WriteOneAsync(batch[0]).ConfigureAwait(false);
            return;
        }

        try
        {
            await _commands.InsertAllAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (_dialect.IsWriteConflict(ex))
        {
            Metrics.RecordReplay();
            await ReplayAsync(batch).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            FailAll(batch, ex);
            return;
        }

        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult();
        }
    }

    private async Task ReplayAsync(List<PendingAppend> batch)
    {
        HashSet<GrainId>? failed = null;
        foreach (var pending in batch)
        {
            if (failed is not null && failed.Contains(pending.GrainId))
            {
                pending.Completion.TrySetException(await _commands.ConflictAsync(
                    pending.GrainId, pending.ExpectedVersion, null, CancellationToken.None).ConfigureAwait(false));
                continue;
            }

            if (!await WriteOneAsync(pending).ConfigureAwait(false))
            {
                (failed ??= []).Add(pending.GrainId);
            }
        }
    }

    private async Task<bool> WriteOneAsync(PendingAppend pending)
    {
        try
        {
            await _commands.InsertOneAsync(pending.GrainId, pending.ExpectedVersion, pending.Entries, CancellationToken.None).ConfigureAwait(false);
            pending.Completion.TrySetResult();
            return true;
        }
        catch (JournalStorageException ex)
        {
            pending.Completion.TrySetException(ex);
            return false;
        }
        catch (Exception ex)
        {
            pending.Completion.TrySetException(JournalCommands.Failed($"Appending to the journal of {pending.GrainId}", ex));
            return false;
        }
    }

    private static void FailAll(List<PendingAppend> batch, Exception ex)
    {
        foreach (var pending in batch)
        {
            pending.Completion.TrySetException(JournalCommands.Failed($"Appending to the journal of {pending.GrainId}", ex));
        }
    }

    private sealed class Resume(JournalAppendWriter writer, TaskCompletionSource gate) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.CompareExchange(ref writer._paused, null, gate);
            gate.TrySetResult();
        }
    }
}
