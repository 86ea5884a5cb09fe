using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Gateway;

/// <summary>
/// The reconciliation figures of one channel and day are counts over the whole cluster (captures, settlement lines,
/// exceptions raised that day, provisional receivables of the provider): this class has a cluster of its own, so the
/// day holds exactly what the test seeds.
/// </summary>
public sealed class ReconciliationDayTests(SettlementCluster cluster) : IClassFixture<SettlementCluster>
{
    [Fact]
    public async Task SeededDay_GivesTheFiguresItKnows_AndNullWithAReasonForTheRest()
    {
        var today = DateTimeOffset.UtcNow.Date;
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sample = UniqueSample.Stripe();
        sample = sample with { Content = sample.Content.Replace("2026-11-05 00:00:00", day + " 00:00:00", StringComparison.Ordinal) };
        var finance = cluster.Client(SettlementCluster.FinanceKey);
        var admin = cluster.Client(SettlementCluster.AdminKey);
        var capturedAt = new DateTimeOffset(today, TimeSpan.Zero);

        // Captured today: 1001 and 1003; 1002's capture is missing, so its settlement line is unmatched.
        await SettlementEndpointTests.CaptureAsync(finance, "stripe", sample.Ref("pi_3Q1aWeb1001"), "web:1001", 100.00m, capturedAt);
        await SettlementEndpointTests.CaptureAsync(finance, "stripe", sample.Ref("pi_3Q0zWeb1003"), "web:1003", 30.00m, capturedAt);
        await (await SettlementCluster.UploadAsync(finance, sample)).AssertOkAsync(HttpStatusCode.Created);
        var trace = Assert.Single((await (await admin.GetAsync("/v1/exceptions?category=UnmatchedSettlementLine")).AssertOkAsync()).EnumerateArray())
            .GetProperty("traceKey").GetString()!;
        await (await admin.PostAsJsonAsync($"/v1/exceptions/{Uri.EscapeDataString(trace)}/resolve", new { note = "Order 1002 was a test payment" })).AssertOkAsync();

        var figures = await (await finance.GetAsync($"/v1/reconciliation?channel=web&date={day}")).AssertOkAsync();

        Assert.Equal(("web", day), (figures.GetProperty("channel").GetString(), figures.GetProperty("date").GetString()));
        // Captures alone place no order: the orders of this day were taken in elsewhere.
        Assert.Equal((0, 2), (figures.GetProperty("ordersCaptured").GetInt32(), figures.GetProperty("paymentsCaptured").GetInt32()));
        Assert.Equal(1, figures.GetProperty("settled").GetInt32());
        Assert.Equal(0.75, figures.GetProperty("settlementMatchRate").GetDouble());
        var settlementRate = figures.GetProperty("exceptionRates").EnumerateArray().Single(r => r.GetProperty("transactionType").GetString() == "settlement-line");
        Assert.Equal((1, 4, 0.25), (settlementRate.GetProperty("exceptions").GetInt32(), settlementRate.GetProperty("transactions").GetInt32(), settlementRate.GetProperty("rate").GetDouble()));
        var resolution = figures.GetProperty("exceptionResolution");
        Assert.Equal((1, 1), (resolution.GetProperty("raised").GetInt32(), resolution.GetProperty("resolved").GetInt32()));
        Assert.True(resolution.GetProperty("medianMinutes").GetDouble() >= 0);
        var provisional = Assert.Single(figures.GetProperty("provisionalReceivables").EnumerateArray());
        Assert.Equal(("stripe", 30.00m), (provisional.GetProperty("provider").GetString(), provisional.GetProperty("amount").GetDecimal()));

        foreach (var figure in new[] { "postedToErp", "shareAutomaticallyPosted", "syncLatency", "duplicateRate" })
        {
            Assert.Equal(JsonValueKind.Null, figures.GetProperty(figure).ValueKind);
            Assert.Contains("posting", figures.GetProperty("unavailable").GetProperty(figure).GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
