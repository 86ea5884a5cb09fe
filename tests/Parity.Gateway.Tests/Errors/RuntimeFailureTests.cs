using System.Net;
using System.Net.Http.Json;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;
using Parity.Runtime;

namespace Parity.Gateway.Tests.Errors;

/// <summary>Runtime failures become 503 with Retry-After (overload, storage failure) or 504 (no answer in time).</summary>
public sealed class RuntimeFailureTests
{
    private static readonly GrainId PolicyGrain = new("channel-policy", IChannelPolicyGrain.GlobalKey);

    [Fact]
    public async Task GrainOverload_Is503_WithRetryAfter()
    {
        // One request may wait behind the running one; the policy grain holds its turn until its append is durable.
        await using var host = await GatewayHost.StartAsync(o => o.ConfigureSilo = s => s.MailboxBound = 1);
        var admin = host.Client(GatewayHost.AdminKey);
        var gate = host.Journal.Hold(id => id == PolicyGrain);
        Task<HttpResponseMessage> first;
        List<Task<HttpResponseMessage>> pending;
        try
        {
            first = admin.PutAsJsonAsync("/v1/inventory/channel-policy", new { safetyStock = 1 });
            await gate.Reached;
            pending = Enumerable.Range(2, 4).Select(i => admin.PutAsJsonAsync("/v1/inventory/channel-policy", new { safetyStock = i })).ToList();

            // At most one of the four can wait in the mailbox; the other three are refused without waiting for the gate.
            var refused = new List<HttpResponseMessage>();
            while (refused.Count < 3)
            {
                var done = await Task.WhenAny(pending);
                pending.Remove(done);
                refused.Add(await done);
            }

            foreach (var response in refused)
            {
                await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "overloaded");
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            gate.Open();
        }

        await (await first).AssertOkAsync();
        await (await Assert.Single(pending)).AssertOkAsync();
    }

    [Fact]
    public async Task StorageFailure_Is503_WithRetryAfter_AndNothingIsAcknowledged()
    {
        await using var host = await GatewayHost.StartAsync();
        var position = await host.NewPositionAsync(3);
        var events = host.JournalLength(position);
        host.Cluster.Storage.FailNextAppends(1);

        var response = await host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "fails", quantity = 2 });

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "temporarily-unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal(events, host.JournalLength(position));

        // The retry the 503 invited goes through once.
        var retry = await host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "fails", quantity = 2 });
        await retry.AssertOkAsync();
        Assert.Equal(5, (await (await host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync()).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task NoAnswerBeforeTheRequestTimeout_Is504()
    {
        await using var host = await GatewayHost.StartAsync(o => o.Settings["Gateway:RequestTimeout"] = "00:00:02");
        var position = await host.NewPositionAsync(3);
        var gate = host.Journal.Hold(id => id == new GrainId("inventory-position", position.ToString()));
        try
        {
            var response = await host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "slow", quantity = 2 });

            var problem = await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, "timeout");
            Assert.Contains("retry", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            gate.Open();
        }
    }
}
