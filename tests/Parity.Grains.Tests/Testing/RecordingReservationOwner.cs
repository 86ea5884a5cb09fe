using System.Collections.Concurrent;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Tests.Testing;

/// <summary>
/// Stands in for the order grain (same grain type, the real class is removed from the test silos): records every
/// notice a position delivers, per owner key, and can be told to fail the next calls for a key to exercise the
/// position's retries.
/// </summary>
[GrainType("order")]
internal sealed class RecordingReservationOwner : Grain, IReservationOwner
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<InventoryEvent>> Received = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> FailuresToInject = new(StringComparer.Ordinal);

    public static IReadOnlyList<InventoryEvent> NoticesOf(string owner) =>
        Received.TryGetValue(owner, out var notices) ? notices.ToArray() : [];

    public static void FailNext(string owner, int calls) => FailuresToInject[owner] = calls;

    public Task ReservationPreemptedAsync(PositionKey position, ReservationPreempted notice) => Record(notice);

    public Task ReservationExpiredAsync(PositionKey position, ReservationExpired notice) => Record(notice);

    private Task Record(InventoryEvent notice)
    {
        var key = this.GetPrimaryKeyString();
        if (FailuresToInject.TryGetValue(key, out var failures) && failures > 0)
        {
            FailuresToInject[key] = failures - 1;
            throw new InvalidOperationException($"Injected failure of owner {key}.");
        }

        Received.GetOrAdd(key, _ => new ConcurrentQueue<InventoryEvent>()).Enqueue(notice);
        return Task.CompletedTask;
    }
}
