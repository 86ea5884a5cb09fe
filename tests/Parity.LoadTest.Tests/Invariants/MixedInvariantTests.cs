using Parity.LoadTest.Hosting;
using Parity.LoadTest.Scenarios;

namespace Parity.LoadTest.Tests.Invariants;

/// <summary>The mixed scenarios' checks against a real silo: a planted acknowledgement the server never gave is found.</summary>
public sealed class MixedInvariantTests
{
    private static HttpClient Client(InProcessHost host) => new() { BaseAddress = host.BaseAddress };

    [Fact]
    public async Task OmnichannelCheck_OrderAcknowledgedButNeverPlaced_IsALostAcknowledgement()
    {
        await using var host = await InProcessHost.StartAsync(new InProcessHostOptions(StoreKind.Memory, []));
        using var http = Client(host);
        var api = new AdminApi(http, LoadTestKeys.Admin);
        var day = new OmnichannelDay(http, api, ScenarioKeys.AdminOnly(LoadTestKeys.Admin), new MixedOptions { Skus = 2, Stores = 1, Stock = 100 }, "inv1");
        await day.PrepareAsync(CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            await day.SendAsync(i, CancellationToken.None);
        }

        var clean = await day.CheckAsync("not measured", CancellationToken.None);
        Assert.Equal(0, clean.LostAcknowledgements);
        Assert.NotEmpty(day.Orders);

        day.PlantAcknowledgedOrder("web", "inv1-never-sent");
        var planted = await day.CheckAsync("not measured", CancellationToken.None);

        Assert.Equal(1, planted.LostAcknowledgements);
        Assert.Contains(planted.Details, d => d.Contains("web:inv1-never-sent", StringComparison.Ordinal) && d.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PosCheck_TicketAcknowledgedButNeverSent_IsALostAcknowledgement()
    {
        await using var host = await InProcessHost.StartAsync(new InProcessHostOptions(StoreKind.Memory, []));
        using var http = Client(host);
        var api = new AdminApi(http, LoadTestKeys.Admin);
        var burst = new PosBurst(http, api, ScenarioKeys.AdminOnly(LoadTestKeys.Admin), new MixedOptions { Skus = 2, Stores = 2, Stock = 100, TicketsPerBatch = 3 }, "inv2");
        await burst.PrepareAsync(CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(Parity.LoadTest.Measurement.RequestOutcome.Accepted, await burst.SendAsync(i, CancellationToken.None));
        }

        Assert.Equal(12, burst.Pos.AcknowledgedTickets);
        Assert.Equal(0, (await burst.CheckAsync(CancellationToken.None)).LostAcknowledgements);

        burst.Pos.PlantAcknowledgedTicket(burst.Stores[0], 10m);
        var planted = await burst.CheckAsync(CancellationToken.None);

        Assert.Equal(1, planted.LostAcknowledgements);
        Assert.Contains(planted.Details, d => d.Contains($"store {burst.Stores[0]}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PosCheck_SaleMissingFromInventory_IsFoundThroughOnHand()
    {
        await using var host = await InProcessHost.StartAsync(new InProcessHostOptions(StoreKind.Memory, []));
        using var http = Client(host);
        var api = new AdminApi(http, LoadTestKeys.Admin);
        var burst = new PosBurst(http, api, ScenarioKeys.AdminOnly(LoadTestKeys.Admin), new MixedOptions { Skus = 1, Stores = 1, Stock = 100, TicketsPerBatch = 2 }, "inv3");
        await burst.PrepareAsync(CancellationToken.None);
        await burst.SendAsync(0, CancellationToken.None);

        // Five more units received behind the ledger's back: OnHand no longer equals received − sold + restocked.
        await api.ReceiveAsync($"{burst.Skus[0]}@{burst.Stores[0]}", 5, "inv3-extra", CancellationToken.None);
        var result = await burst.CheckAsync(CancellationToken.None);

        Assert.Equal(5, result.LostAcknowledgements);
        Assert.Contains(result.Details, d => d.Contains("OnHand", StringComparison.Ordinal));
    }
}
