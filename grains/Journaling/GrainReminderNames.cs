namespace Parity.Grains.Journaling;

/// <summary>Reminder lookups by name, for grains that keep one reminder each.</summary>
internal static class GrainReminderNames
{
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
