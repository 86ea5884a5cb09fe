using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parity.Dashboard.Tests.Testing;
using Parity.Grains;
using Parity.GrainInterfaces.Inventory;
using Parity.Runtime;
using Parity.Runtime.Hosting;

namespace Parity.Dashboard.Tests.Api;

public sealed class SiloHostingTests
{
    [Fact]
    public async Task ASiloHost_WithTheDashboard_PublishesItsStatisticsWithoutFurtherConfiguration()
    {
        // Composed as silo/Program.cs composes it: the silo, the gateway and the dashboard in one web host.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.UseParitySilo(silo => silo.AddGrainAssembly(typeof(GrainsAssembly).Assembly).Configure(o => o.SiloPort = 0));
        builder.Services.AddParityGateway(builder.Configuration);
        builder.Services.AddParityDashboard(builder.Configuration);
        await using var app = builder.Build();
        app.MapParityGateway();
        app.MapParityDashboard();
        await app.StartAsync();
        try
        {
            var silo = app.Services.GetRequiredService<Silo>();
            await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IInventoryPositionGrain>("SKU-1@STORE-1").ReceiveAsync("r-1", 3, null);
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

            var overview = await Eventually.WaitForAsync(
                async () => JsonDocument.Parse(await client.GetStringAsync("/dashboard/api/overview")).RootElement.Clone(),
                o => o.GetProperty("silos").GetArrayLength() == 1 && o.GetProperty("silos")[0].GetProperty("activations").GetInt32() > 0,
                "the co-hosted silo publishes once a second by default");

            Assert.Equal(silo.Address.ToString(), overview.GetProperty("silos")[0].GetProperty("silo").GetString());
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
