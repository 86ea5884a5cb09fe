using System.Globalization;
using Npgsql;
using Parity.Grains.Operations;
using Parity.Runtime.Hosting;
using Parity.TestInfrastructure;
using Xunit.Abstractions;

namespace Parity.Cluster.Tests.Processes;

/// <summary>
/// Three silo processes sharing PostgreSQL storage and membership, a cluster client in this process streaming
/// journaled probe calls across 1,000 ledgers, and one silo crashed (kill -9) or stopped (SIGTERM) mid-stream.
/// The journal table is read directly afterwards: it is the truth about what was acknowledged.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class SiloFailoverTests(PostgresServerFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Ledgers = 1_000;
    private const int Workers = 32;
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);
    private readonly List<SiloProcess> _silos = [];
    private readonly string _clusterId = "drill-" + Guid.NewGuid().ToString("N")[..8];
    private string _connectionString = "";
    private IClusterClient? _client;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("failover");
        for (var i = 0; i < 3; i++)
        {
            _silos.Add(SiloProcess.Start($"silo-{i}", new Dictionary<string, string>
            {
                ["Parity__Storage__Provider"] = "Postgres",
                ["Parity__Storage__ConnectionString"] = _connectionString,
                ["Silo__ClusterId"] = _clusterId,
            }));

            // One at a time: three silos creating the schema at once only contend for its lock.
            await _silos[^1].WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }

        var builder = new ClusterClientBuilder().AddGrainAssembly(typeof(ProbeLedgerGrain).Assembly).UsePostgresClustering(_connectionString);
        builder.Options.ClusterId = _clusterId;
        _client = await builder.ConnectAsync();
        await WaitUntilAsync(() => _client.View.ActiveSilos.Count == 3, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task KillNineOneSilo_MidStream_LosesNoAcknowledgedCall_AndRecoversWithinTenSeconds()
    {
        var stream = new ProbeStream(_client!, Ledgers, Workers);
        await stream.WaitForSuccessesAsync(1_500, TimeSpan.FromSeconds(60));
        var victim = _silos[1];
        var killStarted = stream.Clock.Elapsed;
        await victim.KillAsync();

        // Taken once the process is gone: no call started after this can have been answered by the victim.
        var killedAt = stream.Clock.Elapsed;

        // Keep streaming well past the bound, so a late failure would be seen.
        await WaitUntilAsync(() => stream.Clock.Elapsed > killedAt + RecoveryBound + TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        await stream.StopAsync();

        var calls = stream.Calls.ToList();
        var victimLedgers = calls.Where(c => c.Started < killStarted && c.Receipt?.Silo == victim.Address).Select(c => c.Ledger).ToHashSet();
        Assert.NotEmpty(victimLedgers);
        Assert.DoesNotContain(calls, c => c.Started > killedAt && c.Receipt?.Silo == victim.Address);
        var slowest = calls.Where(c => c.Ended > killStarted).Max(c => c.Ended - c.Started);
        var failures = calls.Where(c => c.Error is not null).ToList();
        var lastFailure = failures.Count == 0 ? killedAt : failures.Max(c => c.Ended);
        var firstMovedSuccess = calls
            .Where(c => c.Started > killedAt && c.Receipt is not null && victimLedgers.Contains(c.Ledger))
            .Select(c => c.Ended).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        var recovery = (lastFailure > firstMovedSuccess ? lastFailure : firstMovedSuccess) - killedAt;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{calls.Count} calls, {failures.Count} failed, {victimLedgers.Count} ledgers lived on the killed silo; recovered {recovery.TotalSeconds:F2} s after kill -9 (first success on a moved ledger {(firstMovedSuccess - killedAt).TotalSeconds:F2} s, last failure {(lastFailure - killedAt).TotalSeconds:F2} s); slowest call around the kill {slowest.TotalSeconds:F2} s"));
        foreach (var failure in failures.GroupBy(f => f.Error!.GetType().Name))
        {
            output.WriteLine($"  {failure.Count()} x {failure.Key}: {failure.First().Error!.Message}");
        }

        Assert.True(recovery < RecoveryBound, $"Calls succeeded again only {recovery} after the kill (bound {RecoveryBound}).");
        Assert.True(slowest < RecoveryBound, $"A call around the kill took {slowest} (bound {RecoveryBound}).");
        Assert.All(failures, f => Assert.IsAssignableFrom<Parity.Runtime.RetryableException>(f.Error));
        Assert.Contains(calls, c => c.Started > killedAt && c.Receipt is not null && victimLedgers.Contains(c.Ledger) && c.Receipt.Silo != victim.Address);
        await AssertJournalHoldsEveryAcknowledgedCallOnceAsync(calls);
    }

    [Fact]
    public async Task SigTermOneSilo_MidStream_MovesItsGrainsWithoutAnyFailedCall()
    {
        var stream = new ProbeStream(_client!, Ledgers, Workers);
        await stream.WaitForSuccessesAsync(1_500, TimeSpan.FromSeconds(60));
        var victim = _silos[1];
        var stoppingAt = stream.Clock.Elapsed;
        await victim.TerminateAsync(TimeSpan.FromSeconds(30));
        var exitedAt = stream.Clock.Elapsed;
        Assert.Equal(0, victim.ExitCode);
        await stream.WaitForSuccessesAsync(1_500, TimeSpan.FromSeconds(30));
        await stream.StopAsync();

        var calls = stream.Calls.ToList();
        var victimLedgers = calls.Where(c => c.Started < stoppingAt && c.Receipt?.Silo == victim.Address).Select(c => c.Ledger).ToHashSet();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{calls.Count} calls, {calls.Count(c => c.Error is not null)} failed; the silo took {(exitedAt - stoppingAt).TotalSeconds:F2} s to stop; {victimLedgers.Count} ledgers moved"));
        Assert.NotEmpty(victimLedgers);
        Assert.Empty(calls.Where(c => c.Error is not null).Select(c => $"{c.Ledger}/{c.ProbeId}: {c.Error}"));
        Assert.Contains(calls, c => c.Started > exitedAt && c.Receipt is not null && victimLedgers.Contains(c.Ledger));
        await AssertJournalHoldsEveryAcknowledgedCallOnceAsync(calls);
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            if (!silo.HasExited)
            {
                await silo.TerminateAsync(TimeSpan.FromSeconds(30));
            }

            await silo.DisposeAsync();
        }
    }

    /// <summary>Every acknowledged probe is in its ledger's journal exactly once, at the sequence it was acknowledged
    /// with; every ledger's journal is 1..n without gap or repeat, and no probe id appears twice anywhere.</summary>
    private async Task AssertJournalHoldsEveryAcknowledgedCallOnceAsync(List<ProbeCall> calls)
    {
        var journal = new Dictionary<string, List<(long Sequence, string ProbeId)>>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT grain_key, sequence, source_event_id FROM parity_journal WHERE grain_type = 'probe-ledger' ORDER BY grain_key, sequence", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var key = reader.GetString(0);
                if (!journal.TryGetValue(key, out var events))
                {
                    journal[key] = events = [];
                }

                events.Add((reader.GetInt64(1), reader.GetString(2)));
            }
        }

        var where = new Dictionary<string, (string Ledger, long Sequence)>(StringComparer.Ordinal);
        foreach (var (ledger, events) in journal)
        {
            for (var i = 0; i < events.Count; i++)
            {
                Assert.True(events[i].Sequence == i + 1, $"{ledger}: sequence {events[i].Sequence} at position {i + 1} (gap or fork).");
                Assert.True(where.TryAdd(events[i].ProbeId, (ledger, events[i].Sequence)), $"probe {events[i].ProbeId} is in the journal twice.");
            }
        }

        var acknowledged = calls.Where(c => c.Receipt is not null).ToList();
        Assert.NotEmpty(acknowledged);
        foreach (var call in acknowledged)
        {
            Assert.True(where.TryGetValue(call.ProbeId, out var found), $"acknowledged probe {call.ProbeId} on {call.Ledger} is not in the journal.");
            Assert.Equal((call.Ledger, call.Receipt!.Sequence), found);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"journal: {where.Count} probes over {journal.Count} ledgers; {acknowledged.Count} acknowledged, {acknowledged.Count(c => c.Receipt!.Duplicate)} of them answered as retries of a recorded probe"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(50, cancel.Token);
        }
    }
}
