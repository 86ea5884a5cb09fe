using System.Collections.Concurrent;

namespace Parity.Runtime.Activation;

/// <summary>
/// Runs one activation's work items one at a time on the thread pool, so grain code is never executed
/// by two threads at once, even when requests interleave at await points. Awaits inside grain code
/// capture this scheduler, so continuations come back here. Drains in batches, then yields the thread.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private const int BatchSize = 64;

    [ThreadStatic]
    private static ActivationTaskScheduler? t_running;

    private readonly ConcurrentQueue<Task> _queue = new();
    private int _scheduled;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    // Inline only when this scheduler already runs on the current thread: that keeps the one-at-a-time rule.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued)
        => t_running == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    void IThreadPoolWorkItem.Execute()
    {
        var previous = t_running;
        t_running = this;
        try
        {
            for (var i = 0; i < BatchSize && _queue.TryDequeue(out var task); i++)
            {
                TryExecuteTask(task);
            }
        }
        finally
        {
            t_running = previous;
        }

        // A full fence, not a release write: the store of 0 must be visible before the queue is read again. A producer
        // enqueues and then tries to take the flag; with a plain store the CPU may read "empty" before other cores see
        // the 0, the producer still sees 1, and an item stays queued with no one to run it: the grain hangs for good.
        Interlocked.Exchange(ref _scheduled, 0);
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }
}
