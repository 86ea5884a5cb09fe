namespace Parity.Gateway.Tests.Testing;

/// <summary>One gateway over one single-silo cluster, shared by the tests of the collection; each test uses its own SKUs.
/// The cluster talks TCP, so the tests of a gateway process can reach it too.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GatewayHost.StartAsync(static o => o.TcpTransport = true);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
