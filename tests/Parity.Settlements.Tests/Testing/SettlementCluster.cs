using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Exceptions;
using Parity.Grains.Settlements;
using Parity.Providers.Journal;

namespace Parity.Settlements.Tests.Testing;

/// <summary>
/// A one-silo Orleans TestCluster with Parity's grains on memory stores and the recording posting double
/// (<see cref="SettlementSiloConfigurator"/>), settlement hand-offs retried every 200 ms, and the channel gateway on a
/// real Kestrel server (127.0.0.1, random port) over the cluster's client, with API keys for admin, finance and a
/// channel without finance scope. The tests of <see cref="CollectionName"/> share one; a test class that needs a
/// cluster to itself takes one as its class fixture.
/// </summary>
public sealed class SettlementCluster : IAsyncLifetime
{
    public const string CollectionName = "Settlement cluster";
    public const string AdminKey = "test-admin-key-001";
    public const string FinanceKey = "test-finance-key-01";
    public const string WebKey = "test-web-key-00001";

    private readonly List<HttpClient> _clients = [];
    private TestCluster? _cluster;
    private WebApplication? _gateway;

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The global exception queue.</summary>
    public IExceptionQueueGrain ExceptionQueue => Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);

    /// <summary>The silo's journal storage: what the journaled grains really stored.</summary>
    public IJournalStorage Journal => Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[$"{SettlementOptions.SectionName}:{nameof(SettlementOptions.HandOffRetryPeriod)}"] =
            TimeSpan.FromMilliseconds(200).ToString("c", CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<SettlementSiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _gateway = await StartGatewayAsync(_cluster.Client);
        BaseAddress = new Uri(_gateway.Urls.Single());
    }

    /// <summary>An HttpClient to the gateway sending <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Events stored in a grain's journal.</summary>
    public async Task<int> JournalLengthAsync(string grainType, string key) =>
        (await Journal.ReadAsync(GrainId.Create(grainType, key), 0)).Count;

    /// <summary>Posts a settlement file.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, UniqueSample sample, string? mediaType = null, string? content = null) =>
        client.PostAsync($"/v1/settlements/{sample.Provider}/batches/{sample.BatchId}",
            new StringContent(content ?? sample.Content, Encoding.UTF8, mediaType ?? (sample.Provider == "amazon" ? "text/tab-separated-values" : "text/csv")));

    public async Task DisposeAsync()
    {
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    // The gateway as a process of its own runs it: an ASP.NET Core app calling grains through an Orleans client, here
    // the test cluster's.
    private static async Task<WebApplication> StartGatewayAsync(IClusterClient client)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0:Key"] = AdminKey,
            ["Gateway:ApiKeys:0:Channel"] = "operations",
            ["Gateway:ApiKeys:0:Scopes:0"] = "admin",
            ["Gateway:ApiKeys:1:Key"] = FinanceKey,
            ["Gateway:ApiKeys:1:Channel"] = "finance",
            ["Gateway:ApiKeys:1:Scopes:0"] = "finance",
            ["Gateway:ApiKeys:2:Key"] = WebKey,
            ["Gateway:ApiKeys:2:Channel"] = "web",
            ["Gateway:ApiKeys:2:Scopes:0"] = "inventory:read",
            ["Gateway:ApiKeys:2:Scopes:1"] = "reservations:write",
        });
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<IGrainFactory>(client);
        builder.Services.AddParityGateway(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        await app.StartAsync();
        return app;
    }
}

/// <summary>The tests that share one <see cref="SettlementCluster"/>.</summary>
[CollectionDefinition(SettlementCluster.CollectionName)]
public sealed class SettlementClusterCollection : ICollectionFixture<SettlementCluster>;
