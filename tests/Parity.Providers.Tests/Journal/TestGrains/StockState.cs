using System.Text.Json.Serialization;

namespace Parity.Providers.Tests.Journal.TestGrains;

/// <summary>The test stock's state: the fold of its events.</summary>
public sealed class StockState
{
    public int OnHand { get; set; }

    public List<string> Reservations { get; set; } = [];

    [JsonIgnore]
    public int Available => OnHand - Reservations.Count;

    public void Apply(StockEvent @event)
    {
        switch (@event)
        {
            case StockAdded added:
                OnHand += added.Quantity;
                break;
            case StockReserved reserved:
                Reservations.Add(reserved.ReservationId);
                break;
            default:
                throw new ArgumentException($"Unknown stock event {@event.GetType().Name}.", nameof(@event));
        }
    }
}
