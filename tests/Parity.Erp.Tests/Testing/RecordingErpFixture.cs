namespace Parity.Erp.Tests.Testing;

/// <summary>
/// The cluster of the <see cref="CollectionName"/> collection: ERP posting with its default options (the outbox
/// reminder a minute away, as in production) and every legal entity posting to one <see cref="RecordingErpConnector"/>.
/// Tests use legal entities of their own and one test runs at a time, so one may change the posting rules or the
/// journal's faults and put them back.
/// </summary>
public sealed class RecordingErpFixture : IAsyncLifetime
{
    public const string CollectionName = "Recording ERP";

    private ErpRoutes? _routes;
    private ErpTestCluster? _cluster;

    public RecordingErpConnector Erp { get; } = new();

    public ErpTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        _routes = new ErpRoutes(fallback: Erp);
        _cluster = await ErpTestCluster.StartAsync(new Dictionary<string, string?>(), _routes);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _routes?.Dispose();
    }
}

/// <summary>The tests that share one <see cref="RecordingErpFixture"/>.</summary>
[CollectionDefinition(RecordingErpFixture.CollectionName)]
public sealed class RecordingErpCollection : ICollectionFixture<RecordingErpFixture>;
