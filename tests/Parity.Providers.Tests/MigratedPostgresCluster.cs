using Orleans.TestingHost;
using Parity.Providers.Schema;
using Parity.TestInfrastructure;

namespace Parity.Providers.Tests;

/// <summary>
/// A TestCluster per test class on its own migrated PostgreSQL database, started by the first test that asks (it needs
/// the collection's PostgreSQL server, which a class fixture cannot take) and stopped with the class.
/// </summary>
public abstract class MigratedPostgresCluster : IAsyncLifetime
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private TestCluster? _cluster;

    /// <summary>The started cluster.</summary>
    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("Call EnsureStartedAsync first.");

    /// <summary>The migrated database the silos use.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Creates and migrates the database, then deploys the cluster, once.</summary>
    public async Task EnsureStartedAsync(PostgresServerFixture postgres)
    {
        await _start.WaitAsync();
        try
        {
            if (_cluster is not null)
            {
                return;
            }

            ConnectionString = await postgres.CreateDatabaseAsync(DatabaseName);
            await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, ConnectionString);
            var builder = new TestClusterBuilder(SiloCount);
            builder.Options.ConfigureFileLogging = false;
            Configure(builder, ConnectionString);
            var cluster = builder.Build();
            await cluster.DeployAsync();
            _cluster = cluster;
        }
        finally
        {
            _start.Release();
        }
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Name stem of the database.</summary>
    protected abstract string DatabaseName { get; }

    /// <summary>Silos to start.</summary>
    protected abstract short SiloCount { get; }

    /// <summary>Adds the configurators, passing <paramref name="connectionString"/> through the builder's properties.</summary>
    protected abstract void Configure(TestClusterBuilder builder, string connectionString);
}
