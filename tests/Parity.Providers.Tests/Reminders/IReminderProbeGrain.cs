namespace Parity.Providers.Tests.Reminders;

/// <summary>A grain that registers a reminder and records its ticks in <see cref="ReminderTickLog"/>.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync(string reminderName);
}
