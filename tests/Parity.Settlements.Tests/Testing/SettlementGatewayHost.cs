using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parity.Runtime;
using Parity.Runtime.Storage;
using Parity.Runtime.Testing;

namespace Parity.Settlements.Tests.Testing;

/// <summary>
/// The gateway on a real Kestrel server (127.0.0.1, random port) over a settlement test cluster (recording posting
/// double), with keys for admin, finance and a channel without finance scope. One per test: receivables are per
/// provider, so tests must not share them.
/// </summary>
public sealed class SettlementGatewayHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-001";
    public const string FinanceKey = "test-finance-key-01";
    public const string WebKey = "test-web-key-00001";

    private readonly List<HttpClient> _clients = [];

    private SettlementGatewayHost(TestCluster cluster, WebApplication app)
    {
        Cluster = cluster;
        App = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public TestCluster Cluster { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<SettlementGatewayHost> StartAsync()
    {
        var cluster = await SettlementCluster.StartAsync();
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
        builder.Services.AddSingleton(cluster.GrainFactory);
        builder.Services.AddParityGateway(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        await app.StartAsync();
        return new SettlementGatewayHost(cluster, app);
    }

    /// <summary>An HttpClient sending <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>Events stored in a grain's journal.</summary>
    public int JournalLength(string grainType, string key) => ((MemoryJournalStorage)Cluster.Journal).GetEntries(new GrainId(grainType, key)).Count;

    /// <summary>Posts a settlement file.</summary>
    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, UniqueSample sample, string? mediaType = null, string? content = null) =>
        client.PostAsync($"/v1/settlements/{sample.Provider}/batches/{sample.BatchId}",
            new StringContent(content ?? sample.Content, Encoding.UTF8, mediaType ?? (sample.Provider == "amazon" ? "text/tab-separated-values" : "text/csv")));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>Assertions on the gateway's answers.</summary>
public static class Problems
{
    /// <summary>Asserts an RFC 7807 problem of the given status and type slug with a title, detail and correlation id.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal("urn:parity:problem:" + slug, body.GetProperty("type").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        Assert.Equal(Assert.Single(response.Headers.GetValues("X-Correlation-Id")), body.GetProperty("correlationId").GetString());
        return body;
    }

    /// <summary>Asserts a success status and returns the JSON body.</summary>
    public static async Task<JsonElement> AssertOkAsync(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The error messages of one field in a validation problem.</summary>
    public static string[] FieldErrors(this JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
