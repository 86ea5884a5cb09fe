using Parity.LoadTest.Measurement;

namespace Parity.LoadTest.Scheduling;

/// <summary>The bounds of one open-loop run.</summary>
/// <param name="Schedule">When each request is due.</param>
/// <param name="Duration">Requests are due before this: [0, Duration).</param>
/// <param name="MaxRequests">At most this many requests.</param>
/// <param name="MaxInFlight">Requests due while this many are unanswered are not sent and count as errors: the client
/// stays honest (their latency is not hidden) without growing without bound.</param>
/// <param name="DrainTimeout">How long to wait for the last answers once the schedule is over.</param>
internal sealed record OpenLoopPlan(ArrivalSchedule Schedule, TimeSpan Duration, long MaxRequests, int MaxInFlight, TimeSpan DrainTimeout);

/// <summary>
/// Drives requests open-loop: each request is sent when the clock reaches its scheduled time, whether or not earlier
/// requests have been answered, and its latency is measured from that scheduled time. A server that slows down
/// therefore shows up as latency (and as requests in flight), never as a quietly lower arrival rate — the coordinated
/// omission of closed-loop load generators.
/// </summary>
internal sealed class OpenLoopRunner(TimeProvider time)
{
    /// <summary>Runs <paramref name="plan"/> against <paramref name="driver"/>, recording into <paramref name="recorder"/>.</summary>
    public async Task RunAsync(OpenLoopPlan plan, IRequestDriver driver, RunRecorder recorder, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        double Now() => time.GetElapsedTime(start).TotalSeconds;
        var pending = new List<Task>();
        long inFlight = 0;
        for (long index = 0; index < plan.MaxRequests && !cancellationToken.IsCancellationRequested; index++)
        {
            var due = plan.Schedule.DueTime(index);
            if (due >= plan.Duration)
            {
                break;
            }

            var wait = due.TotalSeconds - Now();
            if (wait > 0.001)
            {
                // Timers are coarse (about 1 ms); whatever is due by the time we wake is sent at once, late, with the
                // lateness counted in its latency.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            var dueSeconds = due.TotalSeconds;
            if (Interlocked.Read(ref inFlight) >= plan.MaxInFlight)
            {
                recorder.Dropped(new RequestSample(dueSeconds, Now(), RequestOutcome.NotSent, index));
                continue;
            }

            Interlocked.Increment(ref inFlight);
            recorder.Started();
            var requestIndex = index;
            pending.Add(Task.Run(async () =>
            {
                RequestOutcome outcome;
                try
                {
                    outcome = await driver.SendAsync(requestIndex, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A driver that throws is a failed request, like a refused connection.
                    outcome = RequestOutcome.Error;
                }
                catch (OperationCanceledException)
                {
                    outcome = RequestOutcome.Error;
                }

                recorder.Completed(new RequestSample(dueSeconds, Now(), outcome, requestIndex));
                Interlocked.Decrement(ref inFlight);
            }, CancellationToken.None));

            if (pending.Count >= 4096)
            {
                pending.RemoveAll(static t => t.IsCompleted);
            }
        }

        var all = Task.WhenAll(pending);
        await Task.WhenAny(all, Task.Delay(plan.DrainTimeout, time, CancellationToken.None)).ConfigureAwait(false);
    }
}
