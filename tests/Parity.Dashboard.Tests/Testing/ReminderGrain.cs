using Parity.Runtime;

namespace Parity.Dashboard.Tests.Testing;

/// <summary>Registers a reminder and counts its ticks, so reminder statistics have something to count.</summary>
public interface ITickingGrain : IGrainWithStringKey
{
    Task StartAsync();

    Task<int> GetTicksAsync();
}

public sealed class TickingGrain : Grain, ITickingGrain, IRemindable
{
    private int _ticks;

    public Task StartAsync() => RegisterOrUpdateReminder("tick", TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks++;
        return Task.CompletedTask;
    }
}
