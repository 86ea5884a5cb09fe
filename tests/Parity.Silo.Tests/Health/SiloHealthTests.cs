using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Parity.Silo.Health;

namespace Parity.Silo.Tests.Health;

/// <summary>Readiness follows the Orleans silo's lifecycle: 503 problem details with Retry-After until the silo reaches
/// its Active stage, 200 with the silo's address then, 503 again as soon as it starts to stop. Liveness is always 200.</summary>
public sealed class SiloHealthTests
{
    [Fact]
    public async Task Ready_FollowsTheSilosActiveStage_LiveAlwaysAnswers()
    {
        var lifecycle = new RecordingLifecycle();
        var silo = new LocalSilo(SiloAddress.New(IPAddress.Loopback, 11111, 7));
        var settings = SiloSettings.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), Path.GetTempPath());
        var readiness = new SiloReadiness(silo, settings, NullLogger<SiloReadiness>.Instance);
        readiness.Participate(lifecycle);
        await using var app = await StartAsync(readiness);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var starting = await client.GetAsync("/health/ready");
        await lifecycle.StartAsync();
        var active = await client.GetAsync("/health/ready");
        await lifecycle.StopAsync();
        var stopping = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.Equal(ServiceLifecycleStage.Active, Assert.Single(lifecycle.Stages));
        await AssertNotReadyAsync(starting, "starting");
        Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        var body = await active.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal(silo.SiloAddress.ToString(), body.GetProperty("silo").GetString());
        await AssertNotReadyAsync(stopping, "stopping");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task AssertNotReadyAsync(HttpResponseMessage response, string phase)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:parity:problem:temporarily-unavailable", problem.GetProperty("type").GetString());
        Assert.Contains(phase, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(SiloReadiness readiness)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(readiness);
        var app = builder.Build();
        app.MapSiloHealth();
        await app.StartAsync();
        return app;
    }

    private sealed class LocalSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "test-silo";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }

    /// <summary>Orleans' silo lifecycle as far as a participant sees it: the stages it subscribed to, run on demand.</summary>
    private sealed class RecordingLifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

        public int HighestCompletedStage { get; private set; }

        public int LowestStoppedStage { get; private set; }

        public IEnumerable<int> Stages => _observers.Select(static o => o.Stage);

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            _observers.Add((stage, observer));
            return new Unsubscriber();
        }

        public async Task StartAsync()
        {
            foreach (var (stage, observer) in _observers.OrderBy(static o => o.Stage))
            {
                await observer.OnStart(CancellationToken.None);
                HighestCompletedStage = stage;
            }
        }

        public async Task StopAsync()
        {
            foreach (var (stage, observer) in _observers.OrderByDescending(static o => o.Stage))
            {
                await observer.OnStop(CancellationToken.None);
                LowestStoppedStage = stage;
            }
        }

        private sealed class Unsubscriber : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
