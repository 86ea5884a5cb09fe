using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Parity.ErpSandbox;
using Parity.GrainInterfaces.Erp;
using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Testing;

/// <summary>The real sandbox ERP on a free loopback port, with an admin client for tests.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _posting;

    private SandboxServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Admin = new HttpClient { BaseAddress = address };

        // The timeout a silo's connector gets from ErpPostingOptions.RequestTimeout by default.
        _posting = new HttpClient { BaseAddress = address, Timeout = new ErpPostingOptions().RequestTimeout };
        Connector = new HttpErpConnector(_posting);
    }

    public Uri Address { get; }

    public HttpClient Admin { get; }

    /// <summary>Posts to this sandbox over HTTP, as a silo configured with its base URL does.</summary>
    public IErpConnector Connector { get; }

    public SandboxLedger Ledger => _app.Services.GetRequiredService<SandboxLedger>();

    public static async Task<SandboxServer> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var app = SandboxErp.Build("http://127.0.0.1:0", configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SandboxServer(app, new Uri(address + "/"));
    }

    public async Task<SandboxCounts> CountsAsync() => (await Admin.GetFromJsonAsync<SandboxCounts>("admin/counts"))!;

    public async Task<IReadOnlyList<SandboxDocument>> DocumentsAsync() => (await Admin.GetFromJsonAsync<List<SandboxDocument>>("admin/documents"))!;

    /// <summary>Starts an outage through the admin endpoint, as an operator or a test harness would.</summary>
    public async Task StartOutageAsync(TimeSpan duration) =>
        (await Admin.PostAsJsonAsync("admin/outage", new OutageRequest(duration.TotalSeconds))).EnsureSuccessStatusCode();

    public async Task EndOutageAsync() => (await Admin.DeleteAsync("admin/outage")).EnsureSuccessStatusCode();

    public async Task ApplyAsync(SandboxSettings settings) => (await Admin.PutAsJsonAsync("admin/settings", settings)).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        _posting.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
