using Orleans.Hosting;
using Orleans.TestingHost;

namespace Parity.Providers.Tests.Storage;

/// <summary>
/// One single-silo TestCluster whose two ADO.NET storage providers share a PostgreSQL database the tests break on
/// purpose: one wrapped by <c>AddStorageExceptionTranslation</c>, one as Orleans ships it.
/// </summary>
public sealed class StorageFailureCluster : MigratedPostgresCluster
{
    private const string ConnectionStringKey = "ParityTests:PostgresBreakable";

    protected override string DatabaseName => "breakable";

    protected override short SiloCount => 1;

    protected override void Configure(TestClusterBuilder builder, string connectionString)
    {
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
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
