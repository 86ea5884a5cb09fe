using Npgsql;
using Orleans.Runtime;
using Parity.TestInfrastructure;

namespace Parity.Cluster.Tests.Processes;

/// <summary>
/// Silo processes on one new PostgreSQL database, set up as an operator does: the silo's <c>migrate</c> verb applies
/// the schema once, then the silos start with <c>Parity:Storage:MigrateOnStart=false</c> (ADO.NET clustering, grain
/// storage and reminders, and the journal, all on that database), and a client in the test process finds them in the
/// membership table.
/// </summary>
internal sealed class PostgresSiloCluster : IAsyncDisposable
{
    /// <summary>The service id of every test cluster (cluster ids differ).</summary>
    public const string ServiceId = "parity-tests";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly List<SiloProcess> _silos = [];
    private readonly Dictionary<string, string> _environment;
    private ClusterClientHost? _client;

    private PostgresSiloCluster(string connectionString, string clusterId)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        _environment = new Dictionary<string, string>(Storage(connectionString))
        {
            ["Parity__Storage__MigrateOnStart"] = "false",
            ["Parity__Cluster__ClusterId"] = clusterId,
            ["Parity__Cluster__ServiceId"] = ServiceId,
        };
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IClusterClient Client => _client?.Client ?? throw new InvalidOperationException("Not connected.");

    /// <summary>What the output of the <c>migrate</c> verb was, for the test log.</summary>
    public string MigrateOutput { get; private set; } = "";

    /// <summary>
    /// The storage keys every silo and the <c>migrate</c> verb get. Pools are bounded as deploy/compose.yaml bounds
    /// them: three silos with Npgsql's default of 100 each could exhaust the server's 200 connections under load.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Storage(string connectionString) => new Dictionary<string, string>
    {
        ["Parity__Storage__Provider"] = "Postgres",
        ["Parity__Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 40 }.ConnectionString,
    };

    /// <summary>Creates the database, migrates it with the silo's <c>migrate</c> verb, starts the silos and a client.</summary>
    public static async Task<PostgresSiloCluster> StartAsync(PostgresServerFixture postgres, string name, int silos)
    {
        var cluster = new PostgresSiloCluster(await postgres.CreateDatabaseAsync(name), name + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var (exitCode, output) = await SiloProcess.RunMigrateAsync(Storage(cluster.ConnectionString), StartTimeout);
            Assert.True(exitCode == 0, $"migrate exited with {exitCode}:\n{output}");
            cluster.MigrateOutput = output;
            for (var i = 0; i < silos; i++)
            {
                cluster.StartSilo();
            }

            await Task.WhenAll(cluster._silos.Select(s => s.WaitUntilReadyAsync(StartTimeout)));
            cluster._client = await ClusterClientHost.ConnectToPostgresAsync(cluster.ConnectionString, cluster.ClusterId, ServiceId);
            await cluster.WaitForActiveSilosAsync(silos);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more silo of this cluster (not waiting for it).</summary>
    public SiloProcess StartSilo()
    {
        var silo = SiloProcess.Start($"{ClusterId}-silo-{_silos.Count}", SiloPorts.Allocate(), _environment);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Waits until the cluster's membership, as the client's gateway reports it, counts <paramref name="count"/> active silos.</summary>
    public Task WaitForActiveSilosAsync(int count) => Deadline.WaitUntilAsync(
        async () =>
        {
            try
            {
                return (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == count;
            }
            catch (OrleansException)
            {
                // The call went to a silo that is going away; ask again.
                return false;
            }
        },
        TimeSpan.FromSeconds(60),
        $"{count} silos active in the membership table");

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        // Killed, not stopped: the database is thrown away, and a graceful stop of every silo only costs CI time.
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
