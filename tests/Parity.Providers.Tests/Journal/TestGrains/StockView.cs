namespace Parity.Providers.Tests.Journal.TestGrains;

/// <summary>What a test learns of a stock grain activation.</summary>
[GenerateSerializer]
public sealed record StockView(
    [property: Id(0)] int OnHand,
    [property: Id(1)] List<string> Reservations,
    [property: Id(2)] int Version,
    [property: Id(3)] int TentativeReservations,
    [property: Id(4)] int UnconfirmedEvents);

/// <summary>What a grain call saw after its append failed.</summary>
[GenerateSerializer]
public sealed record FailureProbe(
    [property: Id(0)] bool ConfirmFailed,
    [property: Id(1)] bool? WasConflict,
    [property: Id(2)] bool RaiseRefused,
    [property: Id(3)] bool ConditionalRaiseSucceeded,
    [property: Id(4)] bool TentativeStateKeptTheFailedEvent);
