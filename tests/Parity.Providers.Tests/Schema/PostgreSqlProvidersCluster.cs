using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Parity.Providers.Schema;
using Parity.TestInfrastructure;

namespace Parity.Providers.Tests.Schema;

/// <summary>
/// One two-silo TestCluster per test class on migrated PostgreSQL databases: Orleans' own ADO.NET clustering, grain
/// storage and reminders (invariant Npgsql). Started by the first test (it needs the collection's PostgreSQL server).
/// </summary>
public sealed class PostgreSqlProvidersCluster : IAsyncLifetime
{
    private const string MainKey = "ParityTests:PostgresMain";

    private readonly SemaphoreSlim _start = new(1, 1);
    private TestCluster? _cluster;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("Call EnsureStartedAsync first.");

    public string MainConnectionString { get; private set; } = "";

    public async Task EnsureStartedAsync(PostgresServerFixture postgres)
    {
        await _start.WaitAsync();
        try
        {
            if (_cluster is not null)
            {
                return;
            }

            MainConnectionString = await postgres.CreateDatabaseAsync("providers");
            await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, MainConnectionString);

            var builder = new TestClusterBuilder(2);
            builder.Options.UseTestClusterMembership = false;
            builder.Options.ConfigureFileLogging = false;
            builder.Properties[MainKey] = MainConnectionString;
            builder.AddSiloBuilderConfigurator<SiloConfigurator>();
            builder.AddClientBuilderConfigurator<ClientConfigurator>();
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
