using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Parity.Providers.Tests.Schema;

/// <summary>
/// One two-silo TestCluster per test class on migrated PostgreSQL databases: Orleans' own ADO.NET clustering, grain
/// storage and reminders (invariant Npgsql). Started by the first test (it needs the collection's PostgreSQL server).
/// </summary>
public sealed class PostgreSqlProvidersCluster : MigratedPostgresCluster
{
    private const string MainKey = "ParityTests:PostgresMain";

    protected override string DatabaseName => "providers";

    protected override short SiloCount => 2;

    protected override void Configure(TestClusterBuilder builder, string connectionString)
    {
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[MainKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var main = siloBuilder.Configuration[MainKey]!;
            siloBuilder
                .UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = ("Npgsql", main))
                .AddAdoNetGrainStorage(StateProbeGrain.StorageName, options => (options.Invariant, options.ConnectionString) = ("Npgsql", main))
                .UseAdoNetReminderService(options => (options.Invariant, options.ConnectionString) = ("Npgsql", main));
            siloBuilder.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
            => clientBuilder.UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = ("Npgsql", configuration[MainKey]!));
    }
}
