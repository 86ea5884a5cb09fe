using Parity.Dashboard.Tests.Testing;

namespace Parity.Dashboard.Tests.Api;

/// <summary>One three-silo cluster under a small steady load, shared by the statistics API tests.</summary>
public sealed class LoadedDashboard : IAsyncLifetime
{
    private Load? _load;

    public DashboardHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await DashboardHost.StartAsync(o => o.Silos = 3);
        _load = Load.Start(Host.Grains);
    }

    public async Task DisposeAsync()
    {
        if (_load is not null)
        {
            await _load.DisposeAsync();
        }

        await Host.DisposeAsync();
    }
}
