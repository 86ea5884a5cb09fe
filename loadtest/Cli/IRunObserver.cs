using Parity.LoadTest.Measurement;

namespace Parity.LoadTest.Cli;

/// <summary>Watches a run while it goes (the progress display) and hears what the tool is doing between runs.</summary>
internal interface IRunObserver
{
    /// <summary>Says what is happening (starting a server, setting up the sale, checking invariants).</summary>
    void Status(string message);

    /// <summary>Shows <paramref name="recorder"/>'s counters until <paramref name="run"/> ends.</summary>
    Task WatchAsync(string label, RunRecorder recorder, double peakRate, TimeSpan duration, Task run);
}

/// <summary>An observer that shows nothing (tests).</summary>
internal sealed class SilentObserver : IRunObserver
{
    public void Status(string message)
    {
    }

    public Task WatchAsync(string label, RunRecorder recorder, double peakRate, TimeSpan duration, Task run) => run;
}
