using Orleans.Runtime;

namespace Parity.Providers.Tests.Reminders;

public sealed class ReminderProbeGrain(ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public async Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period)
        => await this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task UnregisterAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTickLog.Record(new ReminderTick(this.GetPrimaryKeyString(), reminderName, silo.SiloAddress));
        return Task.CompletedTask;
    }
}
