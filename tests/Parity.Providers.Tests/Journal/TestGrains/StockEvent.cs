using System.Text.Json.Serialization;

namespace Parity.Providers.Tests.Journal.TestGrains;

/// <summary>What happens to the test stock: stock arrives, a unit is reserved.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(StockAdded), "stock-added")]
[JsonDerivedType(typeof(StockReserved), "stock-reserved")]
public abstract record StockEvent;

/// <summary>Units arrived.</summary>
public sealed record StockAdded(int Quantity) : StockEvent;

/// <summary>One unit was reserved under <paramref name="ReservationId"/>.</summary>
public sealed record StockReserved(string ReservationId) : StockEvent;
