namespace Parity.Dashboard.Tests.Testing;

/// <summary>
/// The silo hosts the tests share, each started on first use: one in Development (everything open) and one in
/// Production with the dashboard's login configured.
/// </summary>
public sealed class SiloHosts : IAsyncLifetime
{
    public const string CollectionName = "silo hosts";
    public const string Username = "ops";
    public const string Password = "correct horse battery";

    private readonly Lazy<Task<SiloHost>> _development = new(() => SiloHost.StartAsync("Development"));
    private readonly Lazy<Task<SiloHost>> _production = new(() => SiloHost.StartAsync("Production", new Dictionary<string, string?>
    {
        ["Parity:Dashboard:Username"] = Username,
        ["Parity:Dashboard:Password"] = Password,
    }));

    public Task<SiloHost> DevelopmentAsync() => _development.Value;

    public Task<SiloHost> ProductionAsync() => _production.Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _development, _production })
        {
            if (host.IsValueCreated && host.Value.IsCompletedSuccessfully)
            {
                await (await host.Value).DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(SiloHosts.CollectionName)]
public sealed class SiloHostsCollection : ICollectionFixture<SiloHosts>;
