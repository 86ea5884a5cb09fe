using Parity.Runtime.Testing;

namespace Parity.Runtime.Tests.Testing;

/// <summary>Starts test clusters with the test grains registered.</summary>
internal static class Clusters
{
    public static Task<TestCluster> StartAsync(int silos = 1, Action<TestClusterOptions>? configure = null) =>
        TestCluster.StartAsync(silos, o =>
        {
            o.GrainAssemblies.Add(typeof(Clusters).Assembly);
            configure?.Invoke(o);
        });

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time{(because is null ? "" : ": " + because)}.");
            }

            await Task.Delay(5);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time{(because is null ? "" : ": " + because)}.");
            }

            await Task.Delay(5);
        }
    }
}
