using System.Net;
using System.Net.Http.Json;
using Parity.Gateway.Tests.Testing;

namespace Parity.Gateway.Tests.Requests;

[Collection(GatewayCollection.Name)]
public sealed class CorrelationTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task SentCorrelationId_IsReturned_AndRecordedOnTheJournaledEvent_WithChannelAndEventId()
    {
        var position = await _host.NewPositionAsync(0);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/inventory/positions/{position}/receipts")
        {
            Content = JsonContent.Create(new { eventId = "rcv-lineage", quantity = 2 }),
            Headers = { { "X-Correlation-Id", "corr-42-abc" } },
        };

        var response = await _host.Client(GatewayHost.WarehouseKey).SendAsync(request);

        await response.AssertOkAsync();
        Assert.Equal("corr-42-abc", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
        var recorded = (await _host.JournalOfAsync(position))[^1];
        Assert.Equal("corr-42-abc", recorded.Metadata.CorrelationId);
        Assert.Equal("warehouse", recorded.Metadata.SourceSystem);
        Assert.Equal("rcv-lineage", recorded.Metadata.SourceEventId);
    }

    [Fact]
    public async Task MissingCorrelationId_IsCreated_AndPutOnProblems()
    {
        var response = await _host.Client(null).GetAsync("/v1/inventory/positions/A@B");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-missing");
        Assert.Equal(32, problem.GetProperty("correlationId").GetString()!.Length);
    }

    [Fact]
    public async Task MalformedCorrelationId_IsRefused_WithANewOne()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/inventory/positions/A@B") { Headers = { { "X-Correlation-Id", new string('c', 200) } } };
        var response = await _host.Client(GatewayHost.WebKey).SendAsync(request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "malformed-request");
        Assert.NotEqual(new string('c', 200), problem.GetProperty("correlationId").GetString());
    }
}
