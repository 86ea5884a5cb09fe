using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parity.Dashboard.Tests.Testing;
using Parity.GrainInterfaces.Exceptions;

namespace Parity.Dashboard.Tests.Api;

public sealed class SiloHostingTests
{
    [Fact]
    public async Task ASiloHost_WithTheDashboard_ServesBusinessHealthFromItsOwnGrainFactory()
    {
        // Composed as silo/Program.cs composes it: the silo, the gateway and the dashboard in one web host, the grains
        // reached through the silo's own grain factory. Free ports: other silos may run on this machine.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: "dashboard-silo-host", clusterId: "dashboard-silo-host")
            .AddParityGrains(builder.Configuration)
            .UseParityMemoryStores());
        builder.Services.AddParityGateway(builder.Configuration);
        builder.Services.AddParityDashboard(builder.Configuration);
        await using var app = builder.Build();
        app.MapParityGateway();
        app.MapParityDashboard();
        await app.StartAsync();
        try
        {
            await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey)
                .RaiseAsync(new ExceptionReport(ExceptionCategory.PriceMismatch, "price:SKU-9@web", "Price differs from the list", "corr-silo", ["web-9"]));
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

            var view = await Eventually.WaitForAsync(
                async () => JsonDocument.Parse(await client.GetStringAsync("/dashboard/api/business")).RootElement.Clone(),
                v => DashboardHost.Figure(v, "exceptions.by_category") is { } f && f.GetProperty("value").GetDouble() == 1,
                "the exception raised in the co-hosted silo is counted");

            var byCategory = DashboardHost.Figure(view, "exceptions.by_category")!.Value.GetProperty("breakdown");
            Assert.Equal(1, byCategory.GetProperty("PriceMismatch").GetDouble());
            Assert.Contains("/dashboard/orleans", await client.GetStringAsync("/dashboard"));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
