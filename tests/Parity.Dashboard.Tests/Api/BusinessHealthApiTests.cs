using System.Text.Json;
using Parity.Dashboard.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Reconciliation;
using static Parity.Dashboard.Tests.Testing.DashboardHost;

namespace Parity.Dashboard.Tests.Api;

[Collection(DashboardCluster.CollectionName)]
public sealed class BusinessHealthApiTests(DashboardCluster cluster) : IAsyncLifetime
{
    private DashboardHost _host = null!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(cluster);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Business_ShowsExceptionQueueByCategoryAndOwner_AndWhatAwaitsASource()
    {
        // Categories no other test of the collection raises, so the counts are this test's.
        var queue = _host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.NegativeStock, "neg:SKU-1@STORE-1", "Sold beyond on hand", "corr-neg", ["pos-1"]));
        await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.ErpRejected, "erp:J-1", "ERP refused journal J-1", "corr-erp", ["erp-1"]));

        var view = await Eventually.WaitForAsync(() => _host.GetJsonAsync("/dashboard/api/business"),
            v => Figure(v, "exceptions.by_category") is { } f && f.GetProperty("value").GetDouble() >= 2, "both exceptions are counted");

        var byCategory = Figure(view, "exceptions.by_category")!.Value.GetProperty("breakdown");
        Assert.Equal(1, byCategory.GetProperty("NegativeStock").GetDouble());
        Assert.Equal(1, byCategory.GetProperty("ErpRejected").GetDouble());
        var byOwner = Figure(view, "exceptions.by_owner")!.Value.GetProperty("breakdown");
        Assert.Equal(1, byOwner.GetProperty("store ops").GetDouble());
        Assert.Equal(1, byOwner.GetProperty("finance").GetDouble());
        // ERP posting and settlements supply their figures: nothing awaits a source.
        Assert.Empty(view.GetProperty("awaiting").EnumerateArray());
        Assert.All(view.GetProperty("sources").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("error").ValueKind));
        // Nothing is posted to the default legal entity in this cluster.
        Assert.Equal(0, Figure(view, "erp.posting.queue")!.Value.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Business_ShowsTodaysSettlementMatchRate_FromTheReconciliationFigures()
    {
        var figures = _host.Grains.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For("web", DateOnly.FromDateTime(DateTime.UtcNow)));
        await figures.ObserveAsync(new FigureObservation("dash-line-1", FigureKind.SettlementLineMatched));
        await figures.ObserveAsync(new FigureObservation("dash-line-2", FigureKind.SettlementLineMatched));
        await figures.ObserveAsync(new FigureObservation("dash-line-3", FigureKind.SettlementLineMatched));
        await figures.ObserveAsync(new FigureObservation("dash-line-4", FigureKind.SettlementLineUnmatched));

        var view = await Eventually.WaitForAsync(() => _host.GetJsonAsync("/dashboard/api/business"),
            v => Figure(v, "settlement.match_rate") is { } f && f.GetProperty("value").ValueKind == JsonValueKind.Number,
            "the match rate is read");

        Assert.Equal(75, Figure(view, "settlement.match_rate")!.Value.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Business_ShowsTheErpPostingQueue_AndTheJournalsWaitingForARetry()
    {
        // A legal entity of its own, shown by a host configured for it: the default one's queue stays empty. No ERP is
        // configured in the test cluster, so journals queue durably and every send fails transiently.
        const string LegalEntity = "dash-erp";
        await using var host = await DashboardHost.StartAsync(cluster, o => o.Settings["Parity:Dashboard:ErpLegalEntities:0"] = LegalEntity);
        var intake = host.Grains.GetGrain<IPostingIntakeGrain>(LegalEntity);
        foreach (var id in new[] { "dash-sale-1", "dash-sale-2" })
        {
            await intake.SubmitAsync(new BusinessFact($"shipment:web:{id}", BusinessFactKind.SaleShipped, LegalEntity, "web", "DC-1", "EUR",
                DateTimeOffset.UtcNow, [new(FactAmountTypes.Revenue, 100m), new(FactAmountTypes.Tax, 20m, "VAT20"), new(FactAmountTypes.Tender, 120m, "card")],
                new FactLineage($"corr-{id}", "test", [id])));
        }

        var view = await Eventually.WaitForAsync(() => host.GetJsonAsync("/dashboard/api/business"),
            v => Figure(v, "erp.posting.retries") is { } f && f.GetProperty("value").GetDouble() == 2,
            "both journals wait for the ERP", timeoutSeconds: 30);

        var queue = Figure(view, "erp.posting.queue")!.Value;
        Assert.Equal((2.0, 2.0), (queue.GetProperty("value").GetDouble(), queue.GetProperty("breakdown").GetProperty(LegalEntity).GetDouble()));
        Assert.Equal(0, Figure(view, "erp.posting.dead_letters")!.Value.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Page_IsServedWithItsScriptAndStyles_AndLinksToTheOrleansDashboard()
    {
        var client = _host.Client();
        var page = await client.GetStringAsync("/dashboard");
        Assert.Contains("/dashboard/app.js", page);
        Assert.Contains("<a id=\"orleans-dashboard\" href=\"/dashboard/orleans\">Grain health (Orleans Dashboard)</a>", page);
        Assert.Contains("function renderBusiness", await client.GetStringAsync("/dashboard/app.js"));
        using var css = await client.GetAsync("/dashboard/app.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }
}
