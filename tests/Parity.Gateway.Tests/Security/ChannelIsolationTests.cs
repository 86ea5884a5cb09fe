using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Parity.Gateway.Tests.Orders;
using Parity.Gateway.Tests.Testing;
using static Parity.Gateway.Tests.Orders.OrdersGateway;

namespace Parity.Gateway.Tests.Security;

/// <summary>Channel ids and the isolation they give: an order id is {channel}:{channelOrderId}, so a channel id with ':'
/// would let one channel's key act on another's orders. Such ids are refused at start; every shape that is accepted
/// (one channel a prefix of another, dots, dashes, underscores, digits, upper case) reads and changes only its own orders.</summary>
[Collection(OrdersGatewayCollection.Name)]
public sealed class ChannelIsolationTests(OrdersGatewayFixture fixture)
{
    // "web" is GatewayHost.WebKey's channel; the others are prefixes, extensions and look-alikes of it.
    private static readonly string[] Shapes = ["web-eu", "web.eu", "web_eu", "web-eu.2", "w3b", "WEB", "9web"];

    [Theory]
    [InlineData("web:eu")]
    [InlineData("web/eu")]
    [InlineData("web eu")]
    [InlineData("-web")]
    [InlineData("a-channel-id-of-thirty-three-char")]
    public async Task AChannelIdOutsideTheSafeSet_IsRefusedAtStart_NamingTheKeyAndTheChannel(string channel)
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(o =>
        {
            o.ClusterOf = fixture.Host;
            AddKey(o, 7, "test-odd-channel-key", channel, "orders:read");
        }));

        var message = string.Join(" ", refused.Failures);
        Assert.Contains("Gateway:ApiKeys:7:Channel", message, StringComparison.Ordinal);
        Assert.Contains($"'{channel}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARateLimitForAChannelIdOutsideTheSafeSet_IsRefusedAtStart()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => GatewayHost.StartAsync(o =>
        {
            o.ClusterOf = fixture.Host;
            // Configuration cannot spell a key with ':' (it separates sections); a space or a slash it can.
            o.Settings["Gateway:RateLimits:Channels:web eu:TokenLimit"] = "5";
        }));

        Assert.Contains("Gateway:RateLimits:Channels:web eu", string.Join(" ", refused.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChannelPolicyNamingAChannelIdWithAColon_Is422_AndChangesNothing()
    {
        var admin = fixture.Host.Client(GatewayHost.AdminKey);
        var before = await (await admin.GetAsync("/v1/inventory/channel-policy")).AssertOkAsync();

        var response = await admin.PutAsJsonAsync("/v1/inventory/channel-policy/locations/LOC-COLON",
            new { channels = new Dictionary<string, object> { ["web:eu"] = new { tier = 1 } } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Contains("web:eu", Assert.Single(problem.FieldErrors("channels.web:eu")), StringComparison.Ordinal);
        var after = await (await admin.GetAsync("/v1/inventory/channel-policy")).AssertOkAsync();
        Assert.Equal(before.GetProperty("configurationVersion").GetInt64(), after.GetProperty("configurationVersion").GetInt64());
    }

    [Fact]
    public async Task AnAdminPlacingForAChannelIdWithAColon_Is422_AndPlacesNothing()
    {
        var number = NewOrderNumber();
        var body = System.Text.Json.JsonSerializer.SerializeToNode(Order(number, NewSku()))!.AsObject();
        body["channel"] = "web:eu";

        var response = await fixture.Host.Client(GatewayHost.AdminKey).PostAsJsonAsync("/v1/orders", body);

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Equal(0, await fixture.Host.JournalLengthAsync(OrderGrain($"web:eu:{number}")));
        Assert.Equal(0, await fixture.Host.JournalLengthAsync(OrderGrain($"web:{number}")));
    }

    [Fact]
    public async Task EveryAcceptedChannelIdShape_ReadsAndChangesOnlyItsOwnOrders()
    {
        await using var gateway = await GatewayHost.StartAsync(o =>
        {
            o.ClusterOf = fixture.Host;
            for (var i = 0; i < Shapes.Length; i++)
            {
                AddKey(o, 7 + i, $"test-shape-key-{i:D4}", Shapes[i], "orders:read", "orders:write");
            }
        });
        var keys = new Dictionary<string, HttpClient>(StringComparer.Ordinal) { ["web"] = gateway.Client(GatewayHost.WebKey) };
        for (var i = 0; i < Shapes.Length; i++)
        {
            keys[Shapes[i]] = gateway.Client($"test-shape-key-{i:D4}");
        }

        // The same channel order number in every channel: only the channel part tells the orders apart.
        var number = NewOrderNumber();
        foreach (var (channel, client) in keys)
        {
            var placed = await (await client.PostAsJsonAsync("/v1/orders", Order(number, NewSku()))).AssertOkAsync(HttpStatusCode.Created);
            Assert.Equal($"{channel}:{number}", placed.GetProperty("orderId").GetString());
        }

        foreach (var (channel, client) in keys)
        {
            foreach (var other in keys.Keys)
            {
                var orderId = $"{other}:{number}";
                if (other == channel)
                {
                    var own = await (await client.GetAsync($"/v1/orders/{orderId}")).AssertOkAsync();
                    Assert.Equal(orderId, own.GetProperty("orderId").GetString());
                    continue;
                }

                var length = await gateway.JournalLengthAsync(OrderGrain(orderId));
                await (await client.GetAsync($"/v1/orders/{orderId}")).AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
                await (await client.GetAsync($"/v1/orders/{orderId}/history")).AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
                await (await client.PostAsJsonAsync($"/v1/orders/{orderId}/events", new { eventId = $"cancel-by-{channel}", type = "Cancelled" }))
                    .AssertProblemAsync(HttpStatusCode.Forbidden, "other-channel");
                Assert.Equal(length, await gateway.JournalLengthAsync(OrderGrain(orderId)));
            }
        }

        // Each key can still change its own order, and doing so touches no other channel's.
        var admin = gateway.Client(GatewayHost.AdminKey);
        var cancelled = new List<string>();
        foreach (var (channel, client) in keys)
        {
            var outcome = await (await client.PostAsJsonAsync($"/v1/orders/{channel}:{number}/events", new { eventId = "cancel", type = "Cancelled" })).AssertOkAsync();
            Assert.Equal("Cancelled", outcome.GetProperty("status").GetString());
            cancelled.Add(channel);
            foreach (var other in keys.Keys)
            {
                var view = await (await admin.GetAsync($"/v1/orders/{other}:{number}")).AssertOkAsync();
                Assert.Equal((cancelled.Contains(other) ? "Cancelled" : "Placed", $"{other}:{number}"),
                    (view.GetProperty("status").GetString(), view.GetProperty("orderId").GetString()));
            }
        }
    }

    private static void AddKey(GatewayHostOptions o, int index, string key, string channel, params string[] scopes)
    {
        o.Settings[$"Gateway:ApiKeys:{index}:Key"] = key;
        o.Settings[$"Gateway:ApiKeys:{index}:Channel"] = channel;
        for (var s = 0; s < scopes.Length; s++)
        {
            o.Settings[$"Gateway:ApiKeys:{index}:Scopes:{s}"] = scopes[s];
        }
    }
}
