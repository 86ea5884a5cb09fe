namespace Parity.Runtime;

/// <summary>Anything that can be addressed as a grain: a grain reference or a grain itself.</summary>
public interface IAddressable;

/// <summary>Marker for grain interfaces. Every method returns <see cref="Task"/>, <see cref="Task{TResult}"/>,
/// <see cref="ValueTask"/> or <see cref="ValueTask{TResult}"/>.</summary>
public interface IGrain : IAddressable;

/// <summary>A grain addressed by a string key, e.g. <c>SKU-123@STORE-042</c> (Orleans' IGrainWithStringKey).</summary>
public interface IGrainWithStringKey : IGrain;

/// <summary>Receives durable reminders registered with <see cref="Grain.RegisterOrUpdateReminder"/>.</summary>
public interface IRemindable : IGrain
{
    /// <summary>Called on the grain's owning silo when the reminder <paramref name="reminderName"/> is due.
    /// Delivery is at least once: the callback must be idempotent.</summary>
    Task ReceiveReminder(string reminderName, TickStatus status);
}

/// <summary>What a reminder tick knows about its schedule.</summary>
/// <param name="DueAt">When the tick was due.</param>
/// <param name="Period">The reminder's period.</param>
/// <param name="CurrentTime">When it was delivered.</param>
public readonly record struct TickStatus(DateTimeOffset DueAt, TimeSpan Period, DateTimeOffset CurrentTime);
