using System.Collections.Concurrent;
using System.Text.Json;
using Parity.Providers.Journal;
using Parity.Providers.Tests.Journal.TestGrains;

namespace Parity.Providers.Tests.Journal.Cluster;

/// <summary>The journal's behaviour through real clusters, run by each storage's test class on its own grain keys.</summary>
internal static class JournalScenarios
{
    /// <summary>
    /// 64 concurrent reservations on one reentrant grain with slow appends: appends carry many events each, the journal
    /// holds exactly the raised events, and every caller's event is durable by the time it is answered.
    /// </summary>
    public static async Task GroupCommitAsync(JournalCluster cluster, string key)
    {
        const int callers = 64;
        var grain = cluster.Stock(key);
        var grainId = cluster.StockId(key);
        await grain.AddStockAsync(1000);
        var appendsBefore = cluster.Faults.Appends;
        var eventsBefore = cluster.Faults.AppendedEvents;
        var durableWhenAnswered = new bool[callers];

        cluster.Faults.AppendLatency = TimeSpan.FromMilliseconds(20);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, callers).Select(async i =>
            {
                var reservation = $"{key}-{i}";
                Assert.True(await grain.ReserveAsync(reservation));
                var stored = await cluster.Journal.ReadAsync(grainId, 0);
                durableWhenAnswered[i] = stored.Any(e => ReservationOf(e) == reservation);
            }));
        }
        finally
        {
            cluster.Faults.AppendLatency = TimeSpan.Zero;
        }

        var appends = cluster.Faults.Appends - appendsBefore;
        var events = cluster.Faults.AppendedEvents - eventsBefore;
        Assert.All(durableWhenAnswered, Assert.True);
        Assert.Equal(callers, events);
        Assert.True(events >= 4 * appends, $"{events} events in {appends} appends: group commit should carry at least 4 events per append.");

        var (state, entries) = await cluster.ReadStockJournalAsync(key);
        Assert.Equal(Enumerable.Range(1, callers + 1).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, callers).Select(i => $"{key}-{i}").Order(), state.Reservations.Order());
    }

    /// <summary>
    /// An injected append failure reaches the client as <see cref="JournalWriteException"/>, nothing of it is stored,
    /// and the grain afterwards (a fresh activation) equals its journal and takes calls again.
    /// </summary>
    public static async Task AppendFailureAsync(JournalCluster cluster, string key)
    {
        var grain = cluster.Stock(key);
        await grain.AddStockAsync(10);
        Assert.True(await grain.ReserveAsync($"{key}-kept"));

        cluster.Faults.FailNextAppends(1);
        var failure = await Assert.ThrowsAsync<JournalWriteException>(() => grain.ReserveAsync($"{key}-doomed"));

        Assert.False(failure.IsConflict);
        Assert.True(failure.IsRetryable);
        Assert.Equal(cluster.StockId(key), failure.GrainId);
        Assert.Contains("journal storage failed", failure.Message, StringComparison.Ordinal);
        var (journal, entries) = await cluster.ReadStockJournalAsync(key);
        Assert.Equal([$"{key}-kept"], journal.Reservations);
        Assert.Equal(2, entries.Count);

        var view = await grain.GetAsync();
        Assert.Equal(2, (await grain.GetJournalStatsAsync())["ActivationReplayedEvents"]); // a fresh activation read the journal
        Assert.Equal(journal.OnHand, view.OnHand);
        Assert.Equal(journal.Reservations, view.Reservations);
        Assert.Equal(entries.Count, view.Version);

        Assert.True(await grain.ReserveAsync($"{key}-retried"));
        Assert.Equal([$"{key}-kept", $"{key}-retried"], (await cluster.ReadStockJournalAsync(key)).State.Reservations);
    }

    /// <summary>
    /// Concurrent callers of one grain while one append of theirs fails: each caller hears either success or
    /// <see cref="JournalWriteException"/>, the journal holds exactly the acknowledged reservations without gap, and the
    /// grain (a fresh activation) serves on from its journal.
    /// </summary>
    public static async Task AppendFailureAmongConcurrentCallersAsync(JournalCluster cluster, string key)
    {
        const int callers = 40;
        var grain = cluster.Stock(key);
        await grain.AddStockAsync(callers + 1);
        var doomed = $"{key}-20";
        var failOnce = 1;

        // Slow appends make later callers queue behind the doomed append, so the failure meets unconfirmed events.
        cluster.Faults.AppendLatency = TimeSpan.FromMilliseconds(5);
        cluster.Faults.FailWhen = (_, entries) =>
            entries.Any(e => ReservationOf(e) == doomed) && Interlocked.Exchange(ref failOnce, 0) == 1;
        (string Reservation, bool Acknowledged)[] outcomes;
        try
        {
            outcomes = await Task.WhenAll(Enumerable.Range(0, callers).Select(async i =>
            {
                var reservation = $"{key}-{i}";
                try
                {
                    Assert.True(await grain.ReserveAsync(reservation));
                    return (reservation, true);
                }
                catch (JournalWriteException)
                {
                    return (reservation, false);
                }
            }));
        }
        finally
        {
            cluster.Faults.FailWhen = null;
            cluster.Faults.AppendLatency = TimeSpan.Zero;
        }

        Assert.Equal(0, Volatile.Read(ref failOnce));
        Assert.False(outcomes.Single(o => o.Reservation == doomed).Acknowledged);
        var acknowledged = outcomes.Where(o => o.Acknowledged).Select(o => o.Reservation).ToList();
        var (journal, entries) = await cluster.ReadStockJournalAsync(key);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(acknowledged.Order(), journal.Reservations.Order());

        Assert.True(await grain.ReserveAsync($"{key}-after"));
        var view = await grain.GetAsync();
        Assert.Equal([.. journal.Reservations, $"{key}-after"], view.Reservations);
        Assert.Equal(entries.Count + 1, view.Version);
    }

    /// <summary>
    /// Two clusters over one journal database hammer one stock grain: no oversell, every acknowledged reservation is in
    /// the journal and nothing else is, no gap or fork, losers hear <see cref="JournalWriteException"/> through the
    /// client, and both clusters take calls again afterwards.
    /// </summary>
    public static async Task ConflictRaceAsync(JournalCluster a, JournalCluster b, string key)
    {
        const int stock = 40;
        const int callersPerCluster = 8;
        var grainA = a.Stock(key);
        var grainB = b.Stock(key);
        var acknowledged = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<Exception>();

        await grainA.AddStockAsync(stock);

        // B's activation reads the journal now; A then writes, so B's next append is stale: one conflict is certain.
        Assert.Equal(stock, (await grainB.GetAsync()).OnHand);
        Assert.True(await grainA.ReserveAsync($"{key}-a-first"));
        acknowledged.Add($"{key}-a-first");
        var forced = await Assert.ThrowsAsync<JournalWriteException>(() => grainB.ReserveAsync($"{key}-b-stale"));
        Assert.True(forced.IsConflict);
        failures.Add(forced);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        async Task CallerAsync(IStockGrain grain, string name)
        {
            // Until this caller's activation sees the stock sold out.
            for (var i = 0; ; i++)
            {
                timeout.Token.ThrowIfCancellationRequested();
                var reservation = $"{key}-{name}-{i}";
                try
                {
                    if (!await grain.ReserveAsync(reservation))
                    {
                        return;
                    }

                    acknowledged.Add(reservation);
                }
                catch (Exception ex)
                {
                    failures.Add(ex);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, callersPerCluster).SelectMany(i => new[]
        {
            CallerAsync(grainA, $"a{i}"),
            CallerAsync(grainB, $"b{i}"),
        }));

        Assert.All(failures, f => Assert.IsType<JournalWriteException>(f));
        Assert.All(failures, f => Assert.True(((JournalWriteException)f).IsConflict, f.Message));
        Assert.True(acknowledged.Count <= stock, $"{acknowledged.Count} reservations acknowledged for a stock of {stock}.");

        var (journal, entries) = await a.ReadStockJournalAsync(key);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(stock, journal.OnHand);
        Assert.True(journal.Available >= 0, $"The journal's fold oversold: {journal.Reservations.Count} reservations of {stock}.");
        Assert.Equal(acknowledged.Order(), journal.Reservations.Order());

        // Both clusters take calls again: a stale activation fails once more at most, then reloads.
        foreach (var (grain, name) in new[] { (grainA, "a"), (grainB, "b") })
        {
            await WithRetryAsync(() => grain.AddStockAsync(1));
            Assert.True(await WithRetryAsync(() => grain.ReserveAsync($"{key}-{name}-after")));
        }

        var (final, _) = await b.ReadStockJournalAsync(key);
        Assert.Equal(stock + 2, final.OnHand);
        Assert.Equal(acknowledged.Count + 2, final.Reservations.Count);
        foreach (var grain in new[] { grainA, grainB })
        {
            var view = await grain.RefreshAsync();
            Assert.Equal(final.Reservations, view.Reservations);
            Assert.Equal(final.OnHand, view.OnHand);
        }
    }

    public static string? ReservationOf(JournalEntry entry)
        => JsonSerializer.Deserialize<StockEvent>(entry.Payload, ParityJournal.DefaultJsonOptions) is StockReserved reserved ? reserved.ReservationId : null;

    private static async Task WithRetryAsync(Func<Task> call) => await WithRetryAsync(async () =>
    {
        await call();
        return true;
    });

    private static async Task<T> WithRetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (JournalWriteException) when (attempt < 3)
            {
                // Retryable by contract: the next attempt reaches a fresh activation.
            }
        }
    }
}
