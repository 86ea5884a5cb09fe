using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Parity.Gateway.Tests.Testing;
using Parity.Grains.Hosting;
using Parity.Grains.StoreDays;
using Parity.TestInfrastructure;

namespace Parity.Gateway.Tests.StoreDays;

/// <summary>A newcomer's `dotnet run --project silo`: the development POS key works against a co-hosted silo whose
/// store-day options come from configuration, as silo/SiloConfiguration.cs binds them (AddParityGrains).</summary>
public sealed class StoreDayHostingTests
{
    [Fact]
    public async Task CoHostedSilo_DevelopmentPosKey_RecordsABatchWithTheConfiguredGranularity()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{StoreDayOptions.SectionName}:Stores:STORE-1:PostingGranularity"] = "PerTicket",
            [$"{StoreDayOptions.SectionName}:Stores:STORE-1:LegalEntity"] = "LE-1",
        });
        var ports = FreePorts.Take(2);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports[0], ports[1], serviceId: "storeday-" + Guid.NewGuid().ToString("N")[..8], clusterId: "storeday")
            .AddParityGrains(builder.Configuration)
            .UseParityMemoryStores());
        builder.Services.AddParityGateway(builder.Configuration);
        await using var app = builder.Build();
        app.MapParityGateway();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", "parity-dev-pos");
        const string csv = "ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,tender_method,amount\n"
            + "T-1,STORE-1,2026-03-14,2026-03-14T10:00:00Z,sale,SKU-1,1,10.00,1.00,,\n"
            + "T-1,STORE-1,2026-03-14,2026-03-14T10:00:00Z,tender,,,,,cash,11.00\n";

        await (await client.PostAsync("/v1/stores/STORE-1/days/2026-03-14/batches?batchId=B-1",
            new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"))).AssertOkAsync();
        var day = await (await client.GetAsync("/v1/stores/STORE-1/days/2026-03-14")).AssertOkAsync();
        var otherStore = await client.GetAsync("/v1/stores/STORE-2/days/2026-03-14");

        Assert.Equal("PerTicket", day.GetProperty("posting").GetString());
        Assert.Equal("LE-1", day.GetProperty("legalEntity").GetString());
        Assert.Equal(11.00m, day.GetProperty("totals").GetProperty("tenders").GetProperty("cash").GetDecimal());
        await otherStore.AssertProblemAsync(System.Net.HttpStatusCode.Forbidden, "other-channel");
        await app.StopAsync();
    }
}
