namespace Parity.Runtime.Reminders;

/// <summary>A durable reminder: fires on the grain's owning silo at <see cref="DueAt"/>, then every <see cref="Period"/>.</summary>
/// <param name="GrainId">The grain to remind.</param>
/// <param name="Name">The reminder's name, unique per grain.</param>
/// <param name="DueAt">When it fires next.</param>
/// <param name="Period">Interval between firings.</param>
/// <param name="ETag">Version for conditional updates; null for a new row.</param>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset DueAt, TimeSpan Period, string? ETag);

/// <summary>Durable storage of reminders, queried by due time so silos poll only what is about to fire.</summary>
public interface IReminderTable
{
    /// <summary>Reminders due at or before <paramref name="dueBefore"/>.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken = default);

    /// <summary>All reminders of one grain.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces a reminder and returns its new ETag.</summary>
    Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a reminder's due time if its ETag still matches (so two silos firing one reminder update it once);
    /// returns the new ETag, or null when the ETag no longer matches or the reminder is gone.
    /// </summary>
    Task<string?> TryUpdateDueAsync(GrainId grainId, string name, DateTimeOffset dueAt, string expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Removes a reminder; true when it existed.</summary>
    Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken = default);
}
