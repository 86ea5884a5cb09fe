using System.Text.Json;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;

namespace Parity.Erp.Tests.Erp;

/// <summary>
/// Issue 16: an ErpUnavailable exception resolves itself once the ERP is back and the posting queue has drained, and
/// keeps the outage's history (when it began, at most how many journals were queued, when it ended). Read as an
/// operator does, through <c>GET /v1/exceptions</c> on the gateway. The outage opens the silo-wide circuit: a cluster
/// of its own.
/// </summary>
public sealed class ErpOutageResolutionTests
{
    private const string AdminKey = "test-admin-key-016";

    [Fact]
    public async Task ErpUnavailable_ResolvesItself_WhenTheQueueDrains_KeepingTheOutagesHistory()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var cluster = await ErpTestCluster.StartAsync(ErpCluster.QuickRetriesTo(sandbox));
        await using var gateway = await GatewayServer.StartAsync(cluster.Client, (AdminKey, "operations", ["admin"]));
        var admin = gateway.Client(AdminKey);
        var entity = ErpCluster.NewLegalEntity();
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);

        // The ERP is down before anything is sent: five journals queue and the circuit opens.
        await sandbox.StartOutageAsync(TimeSpan.FromMinutes(5));
        await FactStream.SubmitAsync(cluster.Grains, entity, 0, 5);
        var open = await WaitForOutageAsync(admin, entity, r => r.GetProperty("status").GetString() == "Open", "the outage is raised");
        Assert.Equal(("It", 0), (open.GetProperty("owner").GetString(), (await sandbox.CountsAsync()).Posted));

        // Two more arrive while it lasts: seven queued at most.
        await FactStream.SubmitAsync(cluster.Grains, entity, 5, 2);
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Queued == 7, because: "seven journals are queued");
        await sandbox.EndOutageAsync();

        var resolved = await WaitForOutageAsync(admin, entity, r => r.GetProperty("status").GetString() == "Resolved",
            "the exception resolves itself once the queue has drained", TimeSpan.FromSeconds(30));
        var status = await posting.GetStatusAsync();
        Assert.Equal((0, 7), (status.Queued, status.Posted));
        Assert.Equal(7L, (await sandbox.CountsAsync()).Posted);
        var began = resolved.GetProperty("firstRaisedAt").GetDateTimeOffset();
        var ended = resolved.GetProperty("resolvedAt").GetDateTimeOffset();
        Assert.True(ended > began, $"the outage ended ({ended:O}) after it began ({began:O})");
        var history = resolved.GetProperty("resolution").GetString()!;
        Assert.Contains("at most 7 journals were queued", history, StringComparison.Ordinal);
        Assert.Contains("began at", history, StringComparison.Ordinal);
        Assert.Contains("queue drained at", history, StringComparison.Ordinal);
        Assert.DoesNotContain("will be posted", resolved.GetProperty("message").GetString()!, StringComparison.Ordinal);

        // Resolved, it no longer shows among the open ones.
        var stillOpen = await Json(admin.GetAsync("/v1/exceptions?category=ErpUnavailable&status=Open"));
        Assert.DoesNotContain(stillOpen.EnumerateArray(), r => r.GetProperty("traceKey").GetString()!.Contains(entity, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> WaitForOutageAsync(HttpClient admin, string entity, Func<JsonElement, bool> condition, string because, TimeSpan? timeout = null)
    {
        var found = default(JsonElement);
        await ErpCluster.WaitUntilAsync(async () =>
        {
            var records = (await Json(admin.GetAsync("/v1/exceptions?category=ErpUnavailable"))).EnumerateArray()
                .Where(r => r.GetProperty("message").GetString()!.Contains(entity, StringComparison.Ordinal))
                .ToList();
            Assert.True(records.Count <= 1, $"one exception per outage: {string.Join(", ", records)}");
            if (records.Count == 1 && condition(records[0]))
            {
                found = records[0];
                return true;
            }

            return false;
        }, timeout, because);
        return found;
    }

    private static async Task<JsonElement> Json(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
