namespace Parity.Cluster.Tests;

/// <summary>Waits for a condition with a deadline (no sleeps as synchronisation).</summary>
internal static class Deadline
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Not within {timeout}: {what}.");
            }
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
        => WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);
}
