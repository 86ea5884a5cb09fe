using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Parity.Grains.Journaling;

/// <summary>Reminder helpers for grains that keep one reminder each.</summary>
internal static class GrainReminderNames
{
    /// <summary>
    /// Registers or moves the grain's reminder; a period below Orleans' <see cref="ReminderOptions.MinimumReminderPeriod"/>
    /// is raised to it. The reminder is the backstop after a crash or a deactivation; a grain wanting faster retries
    /// keeps a timer for them while active.
    /// </summary>
    public static Task<IGrainReminder> RegisterReminderAsync(this Grain grain, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        var minimum = grain.GrainContext.ActivationServices.GetService<IOptions<ReminderOptions>>()?.Value.MinimumReminderPeriod ?? TimeSpan.FromMinutes(1);
        return grain.RegisterOrUpdateReminder(reminderName, dueTime, period < minimum ? minimum : period);
    }

    /// <summary>Removes the grain's reminder called <paramref name="reminderName"/>; false when there was none.</summary>
    public static async Task<bool> UnregisterReminderAsync(this Grain grain, string reminderName)
    {
        if (await grain.GetReminder(reminderName) is not { } reminder)
        {
            return false;
        }

        await grain.UnregisterReminder(reminder);
        return true;
    }
}
