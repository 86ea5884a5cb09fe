namespace Parity.Runtime.Timers;

/// <summary>A grain timer; dispose it to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Moves the next tick and changes the period.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
