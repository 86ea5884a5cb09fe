namespace Parity.Providers.Tests.Journal.TestGrains;

/// <summary>A stock that reserves units only while some are available: the oversell test subject.</summary>
public interface IStockGrain : IGrainWithStringKey
{
    Task AddStockAsync(int quantity);

    /// <summary>Reserves one unit when the tentative state has one; true once the reservation is durable.</summary>
    Task<bool> ReserveAsync(string reservationId);

    /// <summary>As <see cref="ReserveAsync"/> with a conditional raise: false when its append failed.</summary>
    Task<bool> ReserveConditionallyAsync(string reservationId);

    /// <summary>Reserves with explicit lineage (<c>ParityRequestContext.Scope</c>).</summary>
    Task<bool> ReserveFromSourceAsync(string reservationId, string sourceSystem, string sourceEventId, string causationId);

    /// <summary>Reserves, and when the append fails, tries a raise and a conditional raise on the failed activation.</summary>
    Task<FailureProbe> ReserveThenProbeAsync(string reservationId);

    Task<StockView> GetAsync();

    /// <summary>RefreshNow, then the view.</summary>
    Task<StockView> RefreshAsync();

    /// <summary>The reservation ids of the confirmed events <paramref name="fromVersion"/>..<paramref name="toVersion"/>, read back from the journal.</summary>
    Task<List<string>> RetrieveReservationsAsync(int fromVersion, int toVersion);

    Task<Dictionary<string, long>> GetJournalStatsAsync();

    Task DeactivateAsync();
}
