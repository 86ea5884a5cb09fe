using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Parity.Silo.Tests.Testing;
using Parity.TestInfrastructure;

namespace Parity.Silo.Tests.Telemetry;

/// <summary>The silo's OpenTelemetry pipeline carries Orleans' meters and Parity's business and journal meters: a
/// reader added to it (as an OTLP exporter would be) sees all three after a reservation through the gateway of the
/// default (SQLite) silo.</summary>
public sealed class SiloTelemetryTests
{
    private const string WebKey = "silo-test-web-key";

    [Fact]
    public async Task Reservation_ReachesTheExporter_WithOrleansParityAndJournalMeters()
    {
        using var directory = new TempDirectory();
        var exported = new List<Metric>();
        var ports = FreePorts.Take(2);
        var settings = TestSilo.BaseSettings(ports[0], ports[1]);
        // The default store (SQLite): its coalescing journal writer publishes the journal's counters.
        settings["Parity:DataDirectory"] = directory.Path;
        settings["Gateway:ApiKeys:1:Key"] = WebKey;
        settings["Gateway:ApiKeys:1:Channel"] = "web";
        settings["Gateway:ApiKeys:1:Scopes:0"] = "reservations:write";
        await using var app = SiloHost.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(exported));
        });
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            client.DefaultRequestHeaders.Add("X-Api-Key", WebKey);
            using var body = new StringContent(
                "{\"requestId\":\"otel-1\",\"orderRef\":\"web:otel-1\",\"kind\":\"Cart\",\"lines\":[{\"sku\":\"SKU-OTEL\",\"locationId\":\"STORE-1\",\"quantity\":1}]}",
                Encoding.UTF8, "application/json");
            var answer = await client.PostAsync("/v1/inventory/reservations", body);
            Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Conflict,
                $"the reservation was decided: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");

            Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "the meter provider flushed");
            var names = exported.Select(m => (m.MeterName, m.Name)).ToHashSet();
            Assert.Contains(("Parity", "parity.inventory.reservations"), names);
            Assert.Contains(names, n => n.MeterName == "Microsoft.Orleans");
            Assert.Contains(("Parity.Journal", "parity.journal.appends"), names);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
