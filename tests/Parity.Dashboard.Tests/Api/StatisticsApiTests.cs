using System.Net;
using System.Text.Json;
using Parity.Dashboard.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Reconciliation;
using Parity.Runtime;

namespace Parity.Dashboard.Tests.Api;

public sealed class StatisticsApiTests(LoadedDashboard fixture) : IClassFixture<LoadedDashboard>
{
    private DashboardHost Host => fixture.Host;

    [Fact]
    public async Task Overview_AggregatesEverySiloOfTheCluster()
    {
        var overview = await Eventually.WaitForAsync(() => Host.GetJsonAsync("/dashboard/api/overview"),
            o => o.GetProperty("silos").GetArrayLength() == 3
                && o.GetProperty("silos").EnumerateArray().All(s => s.GetProperty("activations").GetInt32() > 0)
                && o.GetProperty("totals").GetProperty("callsPerSecond").GetDouble() > 0,
            "every silo publishes, each hosts activations, and calls flow");

        var silos = overview.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(Host.Cluster.Silos.Select(s => s.Address.ToString()).Order(), silos.Select(s => s.GetProperty("silo").GetString()).Order());
        Assert.All(silos, s =>
        {
            Assert.Equal("Active", s.GetProperty("status").GetString());
            Assert.True(s.GetProperty("workingSetBytes").GetInt64() > 0);
            Assert.True(s.GetProperty("gcHeapBytes").GetInt64() > 0);
            Assert.True(s.GetProperty("cpuPercent").GetDouble() >= 0);
        });
        var totals = overview.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("activeSilos").GetInt32());
        Assert.Equal(silos.Sum(s => s.GetProperty("activations").GetInt32()), totals.GetProperty("activations").GetInt32());
        Assert.True(totals.GetProperty("p99Ms").GetDouble() > 0);
        Assert.True(overview.GetProperty("history").GetArrayLength() > 0);
    }

    [Fact]
    public async Task GrainTypes_ShowActivationsBySiloAndMethodPercentiles()
    {
        var view = await Eventually.WaitForAsync(() => Host.GetJsonAsync("/dashboard/api/grain-types"),
            v => Type(v, "inventory-position") is { } t && t.GetProperty("bySilo").GetArrayLength() >= 2 && t.GetProperty("callsPerSecond").GetDouble() > 0,
            "inventory positions are active on several silos and busy");

        var positions = Type(view, "inventory-position")!.Value;
        Assert.True(positions.GetProperty("activations").GetInt32() >= 10);
        Assert.Equal(positions.GetProperty("activations").GetInt32(), positions.GetProperty("bySilo").EnumerateArray().Sum(s => s.GetProperty("activations").GetInt32()));
        var receive = view.GetProperty("methods").EnumerateArray()
            .Single(m => m.GetProperty("grainType").GetString() == "inventory-position" && m.GetProperty("method").GetString() == nameof(IInventoryPositionGrain.ReceiveAsync));
        Assert.True(receive.GetProperty("calls").GetInt64() > 10);
        Assert.True(receive.GetProperty("p50Ms").GetDouble() > 0);
        Assert.True(receive.GetProperty("p99Ms").GetDouble() >= receive.GetProperty("p50Ms").GetDouble());
        Assert.True(receive.GetProperty("meanMs").GetDouble() > 0);
    }

    [Fact]
    public async Task GrainTypes_CountErrorsPerMethod()
    {
        var position = Host.Grains.GetGrain<IInventoryPositionGrain>("SKU-ERR@STORE-9");
        await Assert.ThrowsAnyAsync<Exception>(() => position.ReceiveAsync("bad-1", -5, null));

        var view = await Eventually.WaitForAsync(() => Host.GetJsonAsync("/dashboard/api/grain-types"),
            v => v.GetProperty("methods").EnumerateArray().Any(m => m.GetProperty("grainType").GetString() == "inventory-position"
                && m.GetProperty("method").GetString() == nameof(IInventoryPositionGrain.ReceiveAsync) && m.GetProperty("errors").GetInt64() >= 1),
            "the failed receipt is counted as an error");
        Assert.True(Type(view, "inventory-position")!.Value.GetProperty("errors").GetInt64() >= 1);
    }

    [Fact]
    public async Task HotGrains_RankTheFlashSalePositionFirst()
    {
        var view = await Eventually.WaitForAsync(() => Host.GetJsonAsync("/dashboard/api/hot-grains?top=5"),
            v => v.GetProperty("grains").GetArrayLength() > 0
                && v.GetProperty("grains")[0].GetProperty("grainId").GetString() == "inventory-position/" + Load.HotKey,
            "the hammered position leads the hot list");

        var grains = view.GetProperty("grains").EnumerateArray().ToList();
        Assert.InRange(grains.Count, 2, 5);
        var top = grains[0];
        Assert.True(top.GetProperty("callsPerSecond").GetDouble() > grains[1].GetProperty("callsPerSecond").GetDouble());
        Assert.True(top.GetProperty("mailboxDepth").GetInt32() >= 0);
        Assert.Contains(top.GetProperty("silo").GetString(), Host.Cluster.Silos.Select(s => s.Address.ToString()));
    }

    [Fact]
    public async Task Storage_ReportsAppendLatencyBatchSizesAndReminders()
    {
        await Host.Grains.GetGrain<ITickingGrain>("ticker").StartAsync();
        var view = await Eventually.WaitForAsync(() => Host.GetJsonAsync("/dashboard/api/storage"),
            v => v.GetProperty("totals").GetProperty("appendsPerSecond").GetDouble() > 0 && v.GetProperty("reminders").GetProperty("fired").GetInt64() >= 2,
            "journal appends flow and the reminder fires");

        var totals = view.GetProperty("totals");
        Assert.True(totals.GetProperty("appends").GetInt64() > 0);
        Assert.True(totals.GetProperty("events").GetInt64() >= totals.GetProperty("appends").GetInt64());
        Assert.True(totals.GetProperty("meanBatchSize").GetDouble() >= 1);
        Assert.True(totals.GetProperty("maxBatchSize").GetInt64() >= 1);
        Assert.Equal(3, view.GetProperty("silos").GetArrayLength());
        Assert.True(view.GetProperty("silos").EnumerateArray().Sum(s => s.GetProperty("storage").GetProperty("p99Ms").GetDouble()) > 0);
        Assert.True(view.GetProperty("reminders").GetProperty("registered").GetInt64() >= 1);
        Assert.True(view.GetProperty("history").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Business_ShowsExceptionQueueByCategoryAndOwner_AndWhatAwaitsASource()
    {
        var queue = Host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.NegativeStock, "neg:SKU-1@STORE-1", "Sold beyond on hand", "corr-neg", ["pos-1"]));
        await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.ErpRejected, "erp:J-1", "ERP refused journal J-1", "corr-erp", ["erp-1"]));

        var view = await Eventually.WaitForAsync(() => Host.GetJsonAsync("/dashboard/api/business"),
            v => Figure(v, "exceptions.by_category") is { } f && f.GetProperty("value").GetDouble() >= 2, "both exceptions are counted");

        var byCategory = Figure(view, "exceptions.by_category")!.Value.GetProperty("breakdown");
        Assert.Equal(1, byCategory.GetProperty("NegativeStock").GetDouble());
        Assert.Equal(1, byCategory.GetProperty("ErpRejected").GetDouble());
        var byOwner = Figure(view, "exceptions.by_owner")!.Value.GetProperty("breakdown");
        Assert.Equal(1, byOwner.GetProperty("store ops").GetDouble());
        Assert.Equal(1, byOwner.GetProperty("finance").GetDouble());
        // Since the wiring, ERP posting and settlements supply their figures: nothing awaits a source.
        Assert.Empty(view.GetProperty("awaiting").EnumerateArray());
        Assert.Equal(0, Figure(view, "erp.posting.queue")!.Value.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Business_ShowsTodaysSettlementMatchRate_FromTheReconciliationFigures()
    {
        var figures = Host.Grains.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For("web", DateOnly.FromDateTime(DateTime.UtcNow)));
        await figures.ObserveAsync(new FigureObservation("dash-line-1", FigureKind.SettlementLineMatched));
        await figures.ObserveAsync(new FigureObservation("dash-line-2", FigureKind.SettlementLineMatched));
        await figures.ObserveAsync(new FigureObservation("dash-line-3", FigureKind.SettlementLineMatched));
        await figures.ObserveAsync(new FigureObservation("dash-line-4", FigureKind.SettlementLineUnmatched));

        var view = await Eventually.WaitForAsync(() => Host.GetJsonAsync("/dashboard/api/business"),
            v => Figure(v, "settlement.match_rate") is { } f && f.GetProperty("value").ValueKind == System.Text.Json.JsonValueKind.Number,
            "the match rate is read");

        Assert.Equal(75, Figure(view, "settlement.match_rate")!.Value.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Business_ShowsTheErpPostingQueue_AndTheJournalsWaitingForARetry()
    {
        // A cluster of its own: the shared one must keep an empty queue. No ERP is configured in the test cluster, so
        // journals queue durably and every send fails transiently.
        await using var host = await DashboardHost.StartAsync(o => o.Silos = 1);
        var intake = host.Grains.GetGrain<IPostingIntakeGrain>("default");
        foreach (var id in new[] { "dash-sale-1", "dash-sale-2" })
        {
            await intake.SubmitAsync(new BusinessFact($"shipment:web:{id}", BusinessFactKind.SaleShipped, "default", "web", "DC-1", "EUR",
                DateTimeOffset.UtcNow, [new(FactAmountTypes.Revenue, 100m), new(FactAmountTypes.Tax, 20m, "VAT20"), new(FactAmountTypes.Tender, 120m, "card")],
                new FactLineage($"corr-{id}", "test", [id])));
        }

        var view = await Eventually.WaitForAsync(() => host.GetJsonAsync("/dashboard/api/business"),
            v => Figure(v, "erp.posting.retries") is { } f && f.GetProperty("value").GetDouble() == 2,
            "both journals wait for the ERP", timeoutSeconds: 30);

        var queue = Figure(view, "erp.posting.queue")!.Value;
        Assert.Equal((2.0, 2.0), (queue.GetProperty("value").GetDouble(), queue.GetProperty("breakdown").GetProperty("default").GetDouble()));
        Assert.Equal(0, Figure(view, "erp.posting.dead_letters")!.Value.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task GrainLookup_ShowsStateAndRecentEventsWithCorrelationIds()
    {
        var position = Host.Grains.GetGrain<IInventoryPositionGrain>("SKU-LOOK@STORE-3");
        RequestContext.CorrelationId = "corr-lookup-1";
        RequestContext.SourceSystem = "warehouse";
        try
        {
            await position.ReceiveAsync("rcv-look-1", 7, "PO-1");
        }
        finally
        {
            RequestContext.Clear();
        }

        var grain = await Host.GetJsonAsync("/dashboard/api/grains/inventory-position/SKU-LOOK@STORE-3?events=10");

        Assert.Equal("inventory-position/SKU-LOOK@STORE-3", grain.GetProperty("grainId").GetString());
        Assert.Equal("journaled", grain.GetProperty("kind").GetString());
        Assert.Contains(grain.GetProperty("silo").GetString(), Host.Cluster.Silos.Select(s => s.Address.ToString()));
        Assert.Equal(7, grain.GetProperty("state").GetProperty("ledgerSnapshot").GetProperty("onHand").GetInt32());
        var received = grain.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("eventType").GetString() == "InventoryReceived");
        Assert.Equal("corr-lookup-1", received.GetProperty("correlationId").GetString());
        Assert.Equal("rcv-look-1", received.GetProperty("sourceEventId").GetString());
        Assert.Equal(7, received.GetProperty("payload").GetProperty("quantity").GetInt32());
        Assert.Equal(grain.GetProperty("confirmedVersion").GetInt64(), grain.GetProperty("events").EnumerateArray().Last().GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task GrainLookup_OfAnUnknownGrainType_IsNotFound()
    {
        using var response = await Host.Client().GetAsync("/dashboard/api/grains/no-such-type/key-1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-such-type", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Page_IsServedWithItsScriptAndStyles()
    {
        var client = Host.Client();
        var page = await client.GetStringAsync("/dashboard");
        Assert.Contains("/dashboard/app.js", page);
        Assert.Contains("function drawChart", await client.GetStringAsync("/dashboard/app.js"));
        using var css = await client.GetAsync("/dashboard/app.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    private static JsonElement? Type(JsonElement view, string grainType) =>
        view.GetProperty("types").EnumerateArray().Where(t => t.GetProperty("grainType").GetString() == grainType).Select(t => (JsonElement?)t).FirstOrDefault();

    private static JsonElement? Figure(JsonElement view, string name) =>
        view.GetProperty("sources").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .Where(f => f.GetProperty("name").GetString() == name).Select(f => (JsonElement?)f).FirstOrDefault();
}
