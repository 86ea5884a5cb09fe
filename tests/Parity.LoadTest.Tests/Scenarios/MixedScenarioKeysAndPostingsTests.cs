using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Parity.ErpSandbox;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Scenarios;

namespace Parity.LoadTest.Tests.Scenarios;

/// <summary>
/// The mixed scenarios in process, piece by piece: store days closed by pos-burst post what the acknowledged tickets
/// imply (a planted second posting is found), and every request carries the key of the channel or store it is for.
/// </summary>
public sealed class MixedScenarioKeysAndPostingsTests
{
    // Sources the silo names for events it raises on its own (posting hand-offs, allocation callbacks), see OrderGrain.
    private static readonly string[] SiloSources = ["parity", "inventory"];

    [Fact]
    public async Task PosBurst_ClosedDays_OneSummaryPerDayWithoutDuplicates_AndAPlantedSecondPostingIsFound()
    {
        await using var rig = await Rig.StartAsync("pk1", stores: 3);
        var (burst, expected) = await SendBatchesAndCloseDaysAsync(rig, "pk1", stores: 3, ticketsPerBatch: 2, batches: 6);
        // Summary granularity (the silo's default, not configured here): one summary journal per store day.
        Assert.Equal(3, expected.Count);
        Assert.All(expected.Keys, k => Assert.StartsWith("StoreDaySummary store-day:", k, StringComparison.Ordinal));

        var clean = await ErpPostingCheck.CountAsync(rig.Ledger, expected, CancellationToken.None);
        Assert.Equal(0, clean.Duplicates);
        Assert.Equal(0, clean.Missing);
        Assert.Equal(3, clean.Documents);

        // The same summary booked again under another external id, as a poster that lost its key would.
        var summary = rig.Ledger.Documents[0].Journal;
        Assert.NotNull(rig.Ledger.Post(summary with { ExternalId = summary.ExternalId + "-again" }).Booked);
        var planted = ErpPostingCheck.Count(rig.Ledger.Documents, rig.Ledger.Counts, expected);

        Assert.Equal(1, planted.Duplicates);
        Assert.Equal(0, planted.Missing);
        var result = PosBurst.WithPostings(await burst.CheckAsync(CancellationToken.None), planted, []);
        Assert.Equal(1, result.DuplicatePostings);
        Assert.False(result.Holds);
    }

    // Every batch accepted and every store day closed; what the closed days should have posted.
    private static async Task<(PosBurst Burst, IReadOnlyDictionary<string, int> Expected)> SendBatchesAndCloseDaysAsync(
        Rig rig, string runId, int stores, int ticketsPerBatch, int batches)
    {
        var burst = new PosBurst(rig.Http, rig.Api, ScenarioKeys.InProcess, new MixedOptions { Skus = 2, Stores = stores, Stock = 100, TicketsPerBatch = ticketsPerBatch }, runId);
        await burst.PrepareAsync(CancellationToken.None);
        for (var i = 0; i < batches; i++)
        {
            Assert.Equal(RequestOutcome.Accepted, await burst.SendAsync(i, CancellationToken.None));
        }

        Assert.Empty(await burst.CloseDaysAsync(CancellationToken.None));
        return (burst, burst.ExpectedJournals(rig.Host.StoreDays));
    }

    [Fact]
    public async Task PosBurst_PerTicketStores_ExpectOneJournalPerAcknowledgedTicket()
    {
        await using var rig = await Rig.StartAsync("pk2", stores: 2, new Dictionary<string, string?> { ["Parity:StoreDays:PostingGranularity"] = "PerTicket" });
        var (_, expected) = await SendBatchesAndCloseDaysAsync(rig, "pk2", stores: 2, ticketsPerBatch: 3, batches: 4);
        Assert.Equal(12, expected.Count);
        Assert.All(expected.Keys, k => Assert.StartsWith("PosTicket pos-ticket:", k, StringComparison.Ordinal));

        var count = await ErpPostingCheck.CountAsync(rig.Ledger, expected, CancellationToken.None);
        Assert.Equal(0, count.Duplicates);
        Assert.Equal(12, count.Expected);
        Assert.Equal(0, count.Missing);
        Assert.Equal(12, count.Documents);
    }

    [Fact]
    public async Task OmnichannelDay_EveryOrderEventIsRecordedAsComingFromItsOwnChannel_AndPosBatchesCarryTheirStoresKey()
    {
        await using var rig = await Rig.StartAsync("pk3", stores: 2, channels: OmnichannelDay.Channels);
        var day = new OmnichannelDay(rig.Http, rig.Api, ScenarioKeys.InProcess, new MixedOptions { Skus = 2, Stores = 2, Stock = 1_000, TicketsPerBatch = 2 }, "pk3");
        await day.PrepareAsync(CancellationToken.None);
        rig.Sent.Clear();
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(RequestOutcome.Accepted, await day.SendAsync(i, CancellationToken.None));
        }

        Assert.NotEmpty(day.Orders);
        Assert.Contains(rig.Sent, s => s.Path.StartsWith("/v1/stores/", StringComparison.Ordinal));
        foreach (var (path, key) in rig.Sent)
        {
            Assert.NotEqual(LoadTestKeys.Admin, key);
            if (path.StartsWith("/v1/stores/", StringComparison.Ordinal))
            {
                Assert.Equal(LoadTestKeys.ForStore(path.Split('/')[3]), key);
            }
        }

        // What the gateway recorded: the channel of the key each request came with (the admin key's is "operations");
        // events the silo raises on its own name the silo's parts.
        foreach (var order in day.Orders)
        {
            var history = await rig.Api.GetAsync($"/v1/orders/{order.OrderId}/history", CancellationToken.None);
            Assert.NotNull(history);
            var sources = history.Value.EnumerateArray().Select(e => e.GetProperty("sourceSystem").GetString()).ToList();
            Assert.Contains(order.Channel, sources);
            Assert.All(sources, s => Assert.True(s == order.Channel || SiloSources.Contains(s), $"{order.OrderId}: an event from '{s}'"));
        }
    }

    [Fact]
    public async Task ScenarioKeys_ActOnlyForTheirOwnChannelOrStore()
    {
        await using var rig = await Rig.StartAsync("pk4", stores: 2, channels: OmnichannelDay.Channels);
        var stores = PosBurst.StoreIds("pk4", 2);
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(HttpStatusCode.Forbidden, await rig.PostAsync($"/v1/stores/{stores[1]}/days/{date}/close", LoadTestKeys.ForStore(stores[0])));
        Assert.True((await rig.PostAsync($"/v1/stores/{stores[0]}/days/{date}/close", LoadTestKeys.ForStore(stores[0]))).IsSuccess());
        Assert.Equal(HttpStatusCode.Forbidden, await rig.PostAsync("/v1/orders/marketplace-1:pk4-1/events", LoadTestKeys.ForChannel("web"),
            """{"eventId":"e1","type":"Shipped"}"""));
        // A store's POS key places no orders; a channel's order key uploads no POS batches.
        Assert.Equal(HttpStatusCode.Forbidden, await rig.PostAsync("/v1/orders", LoadTestKeys.ForStore(stores[0]), "{}"));
        Assert.Equal(HttpStatusCode.Forbidden, await rig.PostAsync($"/v1/stores/{stores[0]}/days/{date}/close", LoadTestKeys.ForChannel("web")));
    }

    /// <summary>An in-process host posting to a sandbox ERP, with keys for <c>P{runId}-n</c> stores and the given channels,
    /// and an HTTP client that records the key of every POST it sends.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly WebApplication _erp;

        private Rig(WebApplication erp, InProcessHost host, RecordingHandler recorder)
        {
            _erp = erp;
            Host = host;
            Sent = recorder.Sent;
            Http = new HttpClient(recorder) { BaseAddress = host.BaseAddress };
            Api = new AdminApi(Http, LoadTestKeys.Admin);
            Ledger = erp.Services.GetRequiredService<SandboxLedger>();
        }

        public InProcessHost Host { get; }

        public HttpClient Http { get; }

        public AdminApi Api { get; }

        public SandboxLedger Ledger { get; }

        public ConcurrentQueue<(string Path, string? Key)> Sent { get; }

        public static async Task<Rig> StartAsync(string runId, int stores, IReadOnlyDictionary<string, string?>? configuration = null, IReadOnlyList<string>? channels = null)
        {
            var erp = SandboxErp.Build("http://127.0.0.1:0");
            await erp.StartAsync();
            // Both scenarios' store names, so either can run on the rig.
            var storeIds = PosBurst.StoreIds(runId, stores).Concat(OmnichannelDay.StoreIds(runId, stores)).ToList();
            var host = await InProcessHost.StartAsync(new InProcessHostOptions(StoreKind.Memory, [], ErpBaseUrl: new Uri(erp.Urls.First() + "/"),
                OrderChannels: channels ?? [], Stores: storeIds, Configuration: configuration));
            return new Rig(erp, host, new RecordingHandler { InnerHandler = new HttpClientHandler() });
        }

        public async Task<HttpStatusCode> PostAsync(string path, string key, string? json = null)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, path);
            message.Headers.Add("X-Api-Key", key);
            if (json is not null)
            {
                message.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await Http.SendAsync(message);
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await Host.DisposeAsync();
            await _erp.DisposeAsync();
        }
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public ConcurrentQueue<(string Path, string? Key)> Sent { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post)
            {
                Sent.Enqueue((request.RequestUri!.AbsolutePath, request.Headers.TryGetValues("X-Api-Key", out var keys) ? keys.Single() : null));
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

internal static class StatusCodeExtensions
{
    public static bool IsSuccess(this HttpStatusCode status) => (int)status is >= 200 and < 300;
}
