using Microsoft.Data.Sqlite;
using Orleans.Hosting;
using Orleans.TestingHost;
using Parity.Providers.Schema;

namespace Parity.Providers.Tests.Schema;

/// <summary>Orleans' ADO.NET grain storage on a SQLite file migrated by <c>ParitySchema</c> (invariant <c>System.Data.SQLite</c>).</summary>
public sealed class OrleansProvidersOnSqliteTests : IDisposable
{
    private const string ConnectionStringKey = "ParityTests:SqliteStorage";

    private readonly TempSqliteDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task AdoNetGrainStorage_SystemDataSqliteInvariant_KeepsStateAcrossAWholeClusterRestart()
    {
        // Orleans maps the invariant "System.Data.SQLite" to Microsoft.Data.Sqlite's factory; the System.Data.SQLite
        // package is not even available here, so a working provider proves which driver it loaded.
        Assert.Null(Type.GetType("System.Data.SQLite.SQLiteFactory, System.Data.SQLite", throwOnError: false));
        var connectionString = _directory.ConnectionString("state.db");
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
        var serviceId = "sqlite-state-" + Guid.NewGuid().ToString("N")[..8];
        var key = "sqlite-" + Guid.NewGuid().ToString("N");

        var first = await StartClusterAsync(connectionString, serviceId);
        try
        {
            var grain = first.Client.GetGrain<IStateProbeGrain>(key);
            await grain.WriteAsync("one");
            await grain.WriteAsync("two");
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT Version FROM OrleansStorage WHERE GrainIdExtensionString = $key AND PayloadBinary IS NOT NULL";
            command.Parameters.AddWithValue("$key", key);
            Assert.Equal(2L, await command.ExecuteScalarAsync());
        }

        var second = await StartClusterAsync(connectionString, serviceId);
        try
        {
            Assert.Equal("two", await second.Client.GetGrain<IStateProbeGrain>(key).ReadAsync());
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }

        Assert.Contains(AppDomain.CurrentDomain.GetAssemblies(), assembly => assembly.GetName().Name == "Microsoft.Data.Sqlite");
    }

    private static async Task<TestCluster> StartClusterAsync(string connectionString, string serviceId)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddAdoNetGrainStorage(
            StateProbeGrain.StorageName,
            options => (options.Invariant, options.ConnectionString) = ("System.Data.SQLite", siloBuilder.Configuration[ConnectionStringKey]!));
    }
}
