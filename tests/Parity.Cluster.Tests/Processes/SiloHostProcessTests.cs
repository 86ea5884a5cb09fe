using Parity.GrainInterfaces.Operations;
using Parity.Grains.Operations;
using Parity.Runtime.Hosting;

namespace Parity.Cluster.Tests.Processes;

/// <summary>The silo executable with its default configuration: SQLite in the data directory, surviving restarts.</summary>
public sealed class SiloHostProcessTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("parity-silo-data-").FullName;

    [Fact]
    public async Task DefaultSilo_KeepsJournalInSqliteDataDirectory_AcrossRestart()
    {
        var environment = new Dictionary<string, string> { ["PARITY_DATA_DIR"] = _dataDirectory };
        await using (var first = SiloProcess.Start("sqlite-first", environment))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            await using var client = await ConnectAsync(first);
            var ledger = client.GetGrain<IProbeLedgerGrain>("restart");
            Assert.Equal(1, (await ledger.RecordAsync("before-1")).Sequence);
            Assert.Equal(2, (await ledger.RecordAsync("before-2")).Sequence);
            await first.TerminateAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, first.ExitCode);
            Assert.Contains("storage Sqlite", first.Log, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(_dataDirectory, "parity.db")), "the default database file is parity.db in the data directory");

        await using var second = SiloProcess.Start("sqlite-second", environment);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        await using (var client = await ConnectAsync(second))
        {
            var ledger = client.GetGrain<IProbeLedgerGrain>("restart");
            Assert.Equal(new ProbeLedgerSummary(2, "before-2", second.Address), await ledger.GetSummaryAsync());
            var retried = await ledger.RecordAsync("before-1");
            Assert.True(retried.Duplicate);
            Assert.Equal(1, retried.Sequence);
            Assert.Equal(3, (await ledger.RecordAsync("after-1")).Sequence);
        }

        await second.TerminateAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Silo_WithContradictoryStorageAndClustering_RefusesToStart()
    {
        await using var silo = SiloProcess.Start("contradiction", new Dictionary<string, string>
        {
            ["PARITY_DATA_DIR"] = _dataDirectory,
            ["Parity__Clustering"] = "Postgres",
        });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("must share their storage", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, silo.ExitCode);
    }

    private static Task<IClusterClient> ConnectAsync(SiloProcess silo) =>
        new ClusterClientBuilder().AddGrainAssembly(typeof(ProbeLedgerGrain).Assembly).UseStaticGateways($"127.0.0.1:{silo.SiloPort}").ConnectAsync();

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
