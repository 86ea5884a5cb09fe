namespace Parity.Erp.Tests.Testing;

/// <summary>
/// The cluster of the <see cref="CollectionName"/> collection: quick retries, the journal and reminders in a SQLite
/// file, and each test's legal entity routed to an ERP of that test (<see cref="Routes"/>). Tests take the silo away
/// and go on with a new one on the same storage (<see cref="ErpTestCluster.RestartSiloAsync"/>); the next test finds
/// that new silo.
/// </summary>
public sealed class DurableErpFixture : IAsyncLifetime
{
    public const string CollectionName = "Durable ERP";

    private ErpTestCluster? _cluster;

    public ErpRoutes Routes { get; } = new();

    public ErpTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync() => _cluster = await ErpTestCluster.StartDurableAsync(ErpCluster.QuickRetries(), Routes);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Routes.Dispose();
    }
}

/// <summary>The tests that share one <see cref="DurableErpFixture"/>.</summary>
[CollectionDefinition(DurableErpFixture.CollectionName)]
public sealed class DurableErpCollection : ICollectionFixture<DurableErpFixture>;
