using Parity.Grains.Orders;
using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Testing;

/// <summary>
/// The cluster of the <see cref="CollectionName"/> collection: quick retries, the hledger export into a directory of
/// its own, orders paid by card settling through Stripe, and each test's legal entity routed over HTTP to a sandbox
/// ERP of that test (<see cref="Routes"/>), so the sandbox's counts and documents are the test's alone. One test runs
/// at a time; a test may replace the posting rules and puts them back. Tests that make the ERP unreachable or slow
/// (an outage, a rate limit) open the silo's circuit for every legal entity: they have clusters of their own.
/// </summary>
public sealed class SandboxErpFixture : IAsyncLifetime
{
    public const string CollectionName = "Sandbox ERP";

    private readonly string _exportDirectory = Directory.CreateTempSubdirectory("parity-hledger-").FullName;
    private ErpTestCluster? _cluster;

    public ErpRoutes Routes { get; } = new();

    public ErpTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        var settings = ErpCluster.QuickRetries();
        settings[ErpCluster.Erp(nameof(ErpPostingOptions.HledgerDirectory))] = _exportDirectory;
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PostingRetryPeriod)}"] = ErpCluster.Span(TimeSpan.FromMilliseconds(100));
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.PaymentProviders)}:web/card"] = "stripe";
        settings[$"{OrderOptions.SectionName}:{nameof(OrderOptions.Sourcing)}:{nameof(SourcingRules.Channels)}:web:0"] = "DC-1";
        _cluster = await ErpTestCluster.StartAsync(settings, Routes);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        Routes.Dispose();
        Directory.Delete(_exportDirectory, recursive: true);
    }
}

/// <summary>The tests that share one <see cref="SandboxErpFixture"/>.</summary>
[CollectionDefinition(SandboxErpFixture.CollectionName)]
public sealed class SandboxErpCollection : ICollectionFixture<SandboxErpFixture>;
