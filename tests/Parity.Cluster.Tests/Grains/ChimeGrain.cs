using Parity.Runtime;

namespace Parity.Cluster.Tests.Grains;

public interface IChimeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);
}

/// <summary>A grain with a durable reminder; each firing is recorded in this process with the silo that ran it,
/// so a test can see firings without calling (and so activating) the grain.</summary>
[GrainType("chime")]
public sealed class ChimeGrain : Grain, IChimeGrain, IRemindable
{
    private static readonly Dictionary<string, List<string>> s_firings = [];

    /// <summary>The silos that fired the reminder of grain <paramref name="key"/>, in order.</summary>
    public static IReadOnlyList<string> FiringsOf(string key)
    {
        lock (s_firings)
        {
            return s_firings.TryGetValue(key, out var silos) ? silos.ToArray() : [];
        }
    }

    public Task StartAsync(TimeSpan period) => RegisterOrUpdateReminder("chime", TimeSpan.Zero, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        lock (s_firings)
        {
            if (!s_firings.TryGetValue(Key, out var silos))
            {
                s_firings[Key] = silos = [];
            }

            silos.Add(RuntimeIdentity);
        }

        return Task.CompletedTask;
    }
}
