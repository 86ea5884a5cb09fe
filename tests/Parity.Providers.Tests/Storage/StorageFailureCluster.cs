using Orleans.Hosting;
using Orleans.TestingHost;
using Parity.Providers.Schema;
using Parity.TestInfrastructure;

namespace Parity.Providers.Tests.Storage;

/// <summary>
/// One single-silo TestCluster whose two ADO.NET storage providers share a PostgreSQL database the tests break on
/// purpose: one wrapped by <c>AddStorageExceptionTranslation</c>, one as Orleans ships it.
/// </summary>
public sealed class StorageFailureCluster : IAsyncLifetime
{
    private const string ConnectionStringKey = "ParityTests:PostgresBreakable";

    private readonly SemaphoreSlim _start = new(1, 1);
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("Call EnsureStartedAsync first.");

    public string ConnectionString { get; private set; } = "";

    public async Task EnsureStartedAsync(PostgresServerFixture postgres)
    {
        await _start.WaitAsync();
        try
        {
            if (_cluster is not null)
            {
                return;
            }

            ConnectionString = await postgres.CreateDatabaseAsync("breakable");
            await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, ConnectionString);
            var builder = new TestClusterBuilder(1);
            builder.Options.ConfigureFileLogging = false;
            builder.Properties[ConnectionStringKey] = ConnectionString;
            builder.AddSiloBuilderConfigurator<SiloConfigurator>();
            var cluster = builder.Build();
            await cluster.DeployAsync();
            _cluster = cluster;
        }
        finally
        {
            _start.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var connectionString = siloBuilder.Configuration[ConnectionStringKey]!;
            siloBuilder
                .AddAdoNetGrainStorage(TranslatedStateGrain.StorageName, options => (options.Invariant, options.ConnectionString) = ("Npgsql", connectionString))
                .AddStorageExceptionTranslation(TranslatedStateGrain.StorageName)
                .AddStorageExceptionTranslation(TranslatedStateGrain.StorageName)
                .AddAdoNetGrainStorage(RawStateGrain.StorageName, options => (options.Invariant, options.ConnectionString) = ("Npgsql", connectionString));
        }
    }
}
