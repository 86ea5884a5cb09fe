using Orleans.Runtime;

namespace Parity.Providers.Tests.Reminders;

/// <summary>One reminder delivery: which grain, which reminder, on which silo.</summary>
public sealed record ReminderTick(string GrainKey, string ReminderName, SiloAddress Silo);

/// <summary>
/// Reminder deliveries seen in this process (TestCluster silos run in-process), so a test can wait for a tick
/// without calling the grain. Waiting is on a signal with a deadline, never a sleep.
/// </summary>
public static class ReminderTickLog
{
    private static readonly object Gate = new();
    private static readonly List<ReminderTick> Ticks = [];
    private static readonly List<(Func<ReminderTick, bool> Match, TaskCompletionSource<ReminderTick> Done)> Waiters = [];

    public static void Record(ReminderTick tick)
    {
        List<TaskCompletionSource<ReminderTick>> done;
        lock (Gate)
        {
            Ticks.Add(tick);
            done = Waiters.Where(waiter => waiter.Match(tick)).Select(waiter => waiter.Done).ToList();
            Waiters.RemoveAll(waiter => done.Contains(waiter.Done));
        }

        foreach (var completion in done)
        {
            completion.TrySetResult(tick);
        }
    }

    /// <summary>The first tick (already recorded or still to come) matching <paramref name="match"/>; fails after <paramref name="timeout"/>.</summary>
    public static async Task<ReminderTick> WaitForAsync(Func<ReminderTick, bool> match, TimeSpan timeout, string what)
    {
        var completion = new TaskCompletionSource<ReminderTick>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Gate)
        {
            var seen = Ticks.FirstOrDefault(match);
            if (seen is not null)
            {
                return seen;
            }

            Waiters.Add((match, completion));
        }

        try
        {
            return await completion.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            lock (Gate)
            {
                Waiters.RemoveAll(waiter => waiter.Done == completion);
            }

            throw new TimeoutException($"No reminder tick within {timeout}: {what}.");
        }
    }
}
