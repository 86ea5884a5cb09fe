using System.Net;
using System.Net.Http.Json;
using Orleans.Runtime;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Tests.Errors;

/// <summary>Failures in the cluster become 503 with Retry-After (Orleans' queue limit, a storage failure) or 504 (no
/// answer before the request's deadline), and change nothing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RuntimeFailureTests(GatewayFixture fixture)
{
    private static readonly GrainId PolicyGrain = GrainId.Create("channel-policy", IChannelPolicyGrain.GlobalKey);

    private readonly GatewayHost _host = fixture.Host;

    [Fact]
    public async Task GrainOverload_PastOrleansQueueLimit_Is503_WithRetryAfter()
    {
        // MaxEnqueuedRequestsHardLimit 1: past one request running plus one waiting, Orleans refuses calls to an
        // activation (LimitExceededException). The policy grain holds its turn until its append is durable.
        await using var host = await GatewayHost.StartAsync(o => o.SiloSettings[GatewaySiloConfigurator.MaxEnqueuedRequestsHardLimitKey] = "1");
        var admin = host.Client(GatewayHost.AdminKey);
        var gate = host.Journal.Hold(id => id == PolicyGrain);
        Task<HttpResponseMessage> first;
        List<Task<HttpResponseMessage>> pending;
        try
        {
            first = admin.PutAsJsonAsync("/v1/inventory/channel-policy", new { safetyStock = 1 });
            await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
            pending = Enumerable.Range(2, 4).Select(i => admin.PutAsJsonAsync("/v1/inventory/channel-policy", new { safetyStock = i })).ToList();

            // One of the four can wait behind the running one; the other three are refused without waiting for the gate.
            var refused = new List<HttpResponseMessage>();
            while (refused.Count < 3)
            {
                var done = await Task.WhenAny(pending).WaitAsync(TimeSpan.FromSeconds(30));
                pending.Remove(done);
                refused.Add(await done);
            }

            foreach (var response in refused)
            {
                await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "overloaded");
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
            }
        }
        finally
        {
            gate.Open();
        }

        await (await first).AssertOkAsync();
        await (await Assert.Single(pending)).AssertOkAsync();
        Assert.Equal(2, await host.JournalLengthAsync(PolicyGrain));
    }

    [Fact]
    public async Task StorageFailure_Is503_WithRetryAfter_AndNothingIsAcknowledged()
    {
        var position = await _host.NewPositionAsync(3);
        var events = await _host.JournalLengthAsync(position);
        var grain = GatewayHost.PositionGrain(position);
        _host.Journal.Faults.FailWhen = (id, _) => id == grain;
        HttpResponseMessage response;
        try
        {
            response = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "fails", quantity = 2 });
        }
        finally
        {
            _host.Journal.Faults.FailWhen = null;
        }

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "temporarily-unavailable");
        Assert.Contains("Retry", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Equal(events, await _host.JournalLengthAsync(position));
        Assert.Equal(3, (await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty("onHand").GetInt32());

        // The retry the 503 invited goes through once.
        var retry = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "fails", quantity = 2 });
        await retry.AssertOkAsync();
        Assert.Equal(5, (await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task NoAnswerBeforeTheRequestTimeout_Is504()
    {
        await using var gateway = await GatewayHost.StartAsync(o =>
        {
            o.ClusterOf = _host;
            o.Settings["Gateway:RequestTimeout"] = "00:00:02";
        });
        var position = await gateway.NewPositionAsync(3);
        var gate = gateway.Journal.Hold(id => id == GatewayHost.PositionGrain(position));
        try
        {
            var response = await gateway.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "slow", quantity = 2 });

            var problem = await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, "timeout");
            Assert.Contains("retry", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            gate.Open();
        }
    }
}
