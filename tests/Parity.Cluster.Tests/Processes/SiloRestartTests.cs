using System.Diagnostics;
using System.Globalization;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Operations;
using Parity.TestInfrastructure;
using Xunit.Abstractions;

namespace Parity.Cluster.Tests.Processes;

/// <summary>
/// A silo process stopped (SIGTERM) and a new one started on the same storage: the embedded default (SQLite in the
/// data directory) keeps journaled state, and a durable reminder fires on the new process with nobody calling the
/// grain, on SQLite and on PostgreSQL.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class SiloRestartTests(PostgresServerFixture postgres, ITestOutputHelper output) : IDisposable
{
    private const string ServiceId = "parity-tests";

    // Long enough for the first silo to stop before the cart expires (so only the reminder can expire it), short
    // enough for a quick test. Should a restart take longer, the reminder fires one period (1 minute) later.
    private static readonly TimeSpan CartTtl = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parity-silo-data-").FullName;
    private readonly string _clusterId = "restart-" + Guid.NewGuid().ToString("N")[..8];

    private string DatabaseFile => Path.Combine(_dataDirectory, "parity.db");

    [Fact]
    public async Task DefaultSqliteSilo_KeepsJournaledStateInTheDataDirectory_AcrossARestart()
    {
        await using (var first = StartSqliteSilo("sqlite-first"))
        {
            await first.WaitUntilReadyAsync(StartTimeout);
            await using (var client = await ConnectAsync(first))
            {
                var ledger = client.Client.GetGrain<IProbeLedgerGrain>("restart");
                Assert.Equal(1, (await ledger.RecordAsync("before-1")).Sequence);
                Assert.Equal(2, (await ledger.RecordAsync("before-2")).Sequence);
            }

            await first.TerminateAsync(StopTimeout);
            Assert.Equal(0, first.ExitCode);
        }

        Assert.True(File.Exists(DatabaseFile), $"The default database is parity.db in the data directory; found {string.Join(", ", Directory.GetFiles(_dataDirectory))}.");

        await using var second = StartSqliteSilo("sqlite-second");
        await second.WaitUntilReadyAsync(StartTimeout);
        await using (var client = await ConnectAsync(second))
        {
            var ledger = client.Client.GetGrain<IProbeLedgerGrain>("restart");
            var summary = await ledger.GetSummaryAsync();
            Assert.Equal((2L, "before-2", (int?)second.Ports.Silo), (summary.Count, summary.LastProbeId, ProbeStream.SiloPortOf(summary.Silo)));
            var retried = await ledger.RecordAsync("before-1");
            Assert.True(retried.Duplicate);
            Assert.Equal(1, retried.Sequence);
            Assert.Equal(3, (await ledger.RecordAsync("after-1")).Sequence);
        }

        var journal = await JournalTable.ReadSqliteAsync(DatabaseFile, "probe-ledger");
        Assert.Equal(["before-1", "before-2", "after-1"], journal.Where(r => r.GrainKey == "restart").Select(r => r.SourceEventId));
        await second.TerminateAsync(StopTimeout);
    }

    [Fact]
    public async Task SqliteSilo_CartExpiryReminder_FiresAfterARestart_WithoutAnyCall()
    {
        var position = NewPosition();
        await AssertCartExpiresAfterRestartAsync(
            name => StartSqliteSilo(name),
            ConnectAsync,
            async () => await JournalTable.ReadSqliteAsync(DatabaseFile, "inventory-position"),
            position);
    }

    [Fact]
    public async Task PostgresSilo_CartExpiryReminder_FiresAfterARestart_WithoutAnyCall()
    {
        var connectionString = await postgres.CreateDatabaseAsync("reminders");
        var (exitCode, migrateOutput) = await SiloProcess.RunMigrateAsync(PostgresSiloCluster.Storage(connectionString), StartTimeout);
        Assert.True(exitCode == 0, $"migrate exited with {exitCode}:\n{migrateOutput}");
        var environment = new Dictionary<string, string>(PostgresSiloCluster.Storage(connectionString))
        {
            ["Parity__Storage__MigrateOnStart"] = "false",
            ["Parity__Cluster__ClusterId"] = _clusterId,
            ["Parity__Cluster__ServiceId"] = ServiceId,
        };
        await AssertCartExpiresAfterRestartAsync(
            name => SiloProcess.Start(name, SiloPorts.Allocate(), environment),
            _ => ClusterClientHost.ConnectToPostgresAsync(connectionString, _clusterId, ServiceId),
            () => JournalTable.ReadPostgresAsync(connectionString, "inventory-position"),
            NewPosition());
    }

    [Fact]
    public async Task PostgresSilo_WithoutAConnectionString_RefusesToStart_NamingTheSetting()
    {
        await using var silo = SiloProcess.Start("no-connection-string", SiloPorts.Allocate(), new Dictionary<string, string>
        {
            ["PARITY_DATA_DIR"] = _dataDirectory,
            ["Parity__Storage__Provider"] = "Postgres",
            ["Parity__Storage__ConnectionString"] = "",
        });

        Assert.NotEqual(0, await silo.WaitForExitAsync(StartTimeout));
        Assert.Contains("ConnectionString", silo.Log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    private static PositionKey NewPosition() => new("SKU-REMIND", "STORE-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());

    /// <summary>
    /// A Cart reservation is made on the first silo, which is then stopped before the Cart TTL runs out; a second silo
    /// starts on the same storage and nobody calls the position: only the reminder stored by the first silo can wake
    /// the position to expire the cart, which then shows in the journal.
    /// </summary>
    private async Task AssertCartExpiresAfterRestartAsync(
        Func<string, SiloProcess> startSilo,
        Func<SiloProcess, Task<ClusterClientHost>> connect,
        Func<Task<List<JournalRow>>> readJournal,
        PositionKey position)
    {
        var key = position.ToString();
        var clock = Stopwatch.StartNew();
        await using (var first = startSilo("reminder-first"))
        {
            await first.WaitUntilReadyAsync(StartTimeout);
            await using (var client = await connect(first))
            {
                // A location of its own, so the short TTL applies to this position only.
                await client.Client.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).SetForLocationAsync(position.LocationId, new ChannelPolicy { DefaultCartTtl = CartTtl });
                var grain = client.Client.GetGrain<IInventoryPositionGrain>(key);
                await grain.ReceiveAsync("receipt-1", 5, "restart test");
                clock.Restart();
                var outcome = await grain.ReserveAsync(new ReserveRequest("cart-1", "web", "web:cart-1", ReservationKind.Cart, [new ReserveLine(position.Sku, position.LocationId, 2)]));
                Assert.True(outcome.IsAccepted, $"The cart reservation was rejected: {outcome}.");
            }

            await first.TerminateAsync(StopTimeout);
            Assert.Equal(0, first.ExitCode);
        }

        // Had the first silo lived past the TTL, its timer would have expired the cart and this test would prove nothing.
        var stoppedAfter = clock.Elapsed;
        Assert.False((await readJournal()).Any(r => r.GrainKey == key && r.EventType == nameof(ReservationExpired)),
            $"The cart expired before the first silo stopped ({stoppedAfter} after the reservation, TTL {CartTtl}).");

        // No client from here on: nothing activates the position but its reminder.
        await using var second = startSilo("reminder-second");
        await second.WaitUntilReadyAsync(StartTimeout);
        var readyAfter = clock.Elapsed;
        try
        {
            await Deadline.WaitUntilAsync(
                async () => (await readJournal()).Any(r => r.GrainKey == key && r.EventType == nameof(ReservationExpired)),
                CartTtl + TimeSpan.FromSeconds(150),
                $"the restarted silo's reminder expires the cart on {key}");
        }
        catch
        {
            output.WriteLine($"journal of {key}: {string.Join(", ", (await readJournal()).Where(r => r.GrainKey == key).Select(r => $"{r.Sequence} {r.EventType}"))}");
            output.WriteLine($"log of the restarted silo:\n{second.Log}");
            throw;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first silo stopped {stoppedAfter.TotalSeconds:F1} s after the reservation, second ready at {readyAfter.TotalSeconds:F1} s, cart expired by {clock.Elapsed.TotalSeconds:F1} s (TTL {CartTtl.TotalSeconds:F0} s)"));
    }

    private SiloProcess StartSqliteSilo(string name) => SiloProcess.Start(name, SiloPorts.Allocate(), new Dictionary<string, string>
    {
        // Nothing but the data directory and the cluster's names: the storage is the default (SQLite).
        ["PARITY_DATA_DIR"] = _dataDirectory,
        ["Parity__Cluster__ClusterId"] = _clusterId,
        ["Parity__Cluster__ServiceId"] = ServiceId,
    });

    private Task<ClusterClientHost> ConnectAsync(SiloProcess silo) => ClusterClientHost.ConnectToGatewayAsync(silo.Ports.Gateway, _clusterId, ServiceId);
}
