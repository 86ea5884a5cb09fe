using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Providers.Journal;

namespace Parity.Providers.Tests.Journal.TestGrains;

/// <summary>
/// A reentrant journaled stock on the Parity journal. Each call decides on the tentative state synchronously, raises,
/// then awaits confirmation: the shape every Parity journaled grain has.
/// </summary>
[Reentrant]
[GrainType("test-stock")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class StockGrain : JournaledGrain<StockState, StockEvent>, IStockGrain
{
    public Task AddStockAsync(int quantity)
    {
        RaiseEvent(new StockAdded(quantity));
        return ConfirmEvents();
    }

    public async Task<bool> ReserveAsync(string reservationId)
    {
        if (TentativeState.Available < 1)
        {
            return false;
        }

        RaiseEvent(new StockReserved(reservationId));
        await ConfirmEvents();
        return true;
    }

    public Task<bool> ReserveConditionallyAsync(string reservationId)
        => TentativeState.Available < 1 ? Task.FromResult(false) : RaiseConditionalEvent(new StockReserved(reservationId));

    public async Task<bool> ReserveFromSourceAsync(string reservationId, string sourceSystem, string sourceEventId, string causationId)
    {
        using (ParityRequestContext.Scope(sourceSystem, sourceEventId, causationId))
        {
            RaiseEvent(new StockReserved(reservationId));
        }

        await ConfirmEvents();
        return true;
    }

    public async Task<FailureProbe> ReserveThenProbeAsync(string reservationId)
    {
        RaiseEvent(new StockReserved(reservationId));
        JournalWriteException? failure = null;
        try
        {
            await ConfirmEvents();
        }
        catch (JournalWriteException e)
        {
            failure = e;
        }

        var raiseRefused = false;
        try
        {
            RaiseEvent(new StockReserved(reservationId + "-after"));
        }
        catch (JournalWriteException)
        {
            raiseRefused = true;
        }

        var conditional = await RaiseConditionalEvent(new StockReserved(reservationId + "-conditional"));
        return new FailureProbe(failure is not null, failure?.IsConflict, raiseRefused, conditional, TentativeState.Reservations.Contains(reservationId));
    }

    public Task<StockView> GetAsync() => Task.FromResult(View());

    public async Task<StockView> RefreshAsync()
    {
        await RefreshNow();
        return View();
    }

    public async Task<List<string>> RetrieveReservationsAsync(int fromVersion, int toVersion)
        => (await RetrieveConfirmedEvents(fromVersion, toVersion)).OfType<StockReserved>().Select(r => r.ReservationId).ToList();

    public Task<Dictionary<string, long>> GetJournalStatsAsync()
    {
        if (GetStats() is null)
        {
            EnableStatsCollection();
        }

        return Task.FromResult(new Dictionary<string, long>(GetStats()!.EventCounters));
    }

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    protected override void TransitionState(StockState state, StockEvent @event) => state.Apply(@event);

    private StockView View() => new(State.OnHand, [.. State.Reservations], Version, TentativeState.Reservations.Count, UnconfirmedEvents.Count());
}
