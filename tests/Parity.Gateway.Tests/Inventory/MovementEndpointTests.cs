using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Tests.Inventory;

[Collection(GatewayCollection.Name)]
public sealed class MovementEndpointTests(GatewayFixture fixture)
{
    private readonly GatewayHost _host = fixture.Host;

    private async Task<JsonElement> PostAsync(PositionKey position, string movement, object body) =>
        await (await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/{movement}", body)).AssertOkAsync();

    private async Task<JsonElement> PositionAsync(PositionKey position) =>
        await (await _host.Client(GatewayHost.AdminKey).GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();

    [Fact]
    public async Task Receipt_RaisesOnHand_AndSettlesIncoming()
    {
        var position = await _host.NewPositionAsync(0);
        await PostAsync(position, "incoming", new { eventId = "asn-1", quantity = 8, reference = "PO-77" });
        Assert.Equal(8, (await PositionAsync(position)).GetProperty("incoming").GetInt32());

        var answer = await PostAsync(position, "receipts", new { eventId = "rcv-1", quantity = 8, reference = "PO-77" });

        Assert.Equal(position.ToString(), answer.GetProperty("position").GetString());
        Assert.Equal("rcv-1", answer.GetProperty("eventId").GetString());
        var view = await PositionAsync(position);
        Assert.Equal(8, view.GetProperty("onHand").GetInt32());
        Assert.Equal(0, view.GetProperty("incoming").GetInt32());
    }

    /// <summary>Issue 17, fix 5: event ids are the sending channel's own. Another channel's event id never answers this
    /// channel's movement; a movement recorded before ids were scoped (stored as sent) still answers its retry, and the
    /// journal keeps the client's id as the source event id.</summary>
    [Fact]
    public async Task AnEventIdOfAnotherChannel_IsNotClaimed_AndAMovementRecordedBeforeScopingStillAnswersItsRetry()
    {
        var position = await _host.NewPositionAsync(0);
        await PostAsync(position, "receipts", new { eventId = "rcv-shared", quantity = 5, reference = "PO-1" });

        var store = await (await _host.Client(GatewayHost.StoreKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts",
            new { eventId = "rcv-shared", quantity = 5, reference = "PO-1" })).AssertOkAsync();

        Assert.Equal("rcv-shared", store.GetProperty("eventId").GetString());
        Assert.Equal(10, (await PositionAsync(position)).GetProperty("onHand").GetInt32());
        Assert.Equal("rcv-shared", (await _host.JournalOfAsync(position))[^1].Metadata.SourceEventId);

        // As the gateway sent it before ids were scoped: the event id unchanged.
        await _host.Grains.GetGrain<Parity.GrainInterfaces.Inventory.IInventoryPositionGrain>(position.ToString()).ReceiveAsync("rcv-old", 4, "PO-9");
        await PostAsync(position, "receipts", new { eventId = "rcv-old", quantity = 4, reference = "PO-9" });
        var conflict = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts",
            new { eventId = "rcv-old", quantity = 7, reference = "PO-9" });

        Assert.Equal(14, (await PositionAsync(position)).GetProperty("onHand").GetInt32());
        Assert.Contains("'rcv-old'", (await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict")).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventIdReusedForDifferentContent_Is409NamingTheConflict_AndChangesNothing()
    {
        var position = await _host.NewPositionAsync(0);
        var first = await PostAsync(position, "receipts", new { eventId = "rcv-reused", quantity = 5, reference = "PO-1" });
        var length = await _host.JournalLengthAsync(position);

        var same = await PostAsync(position, "receipts", new { eventId = "rcv-reused", quantity = 5, reference = "PO-1" });
        var more = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts",
            new { eventId = "rcv-reused", quantity = 6, reference = "PO-1" });
        var otherReference = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts",
            new { eventId = "rcv-reused", quantity = 5, reference = "PO-2" });
        var otherMovement = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/damages",
            new { eventId = "rcv-reused", quantity = 5, reason = "damaged" });

        Assert.Equal(first.ToString(), same.ToString());
        var problem = await more.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("'rcv-reused'", detail, StringComparison.Ordinal);
        Assert.Contains("receipt of 5 units (reference PO-1)", detail, StringComparison.Ordinal);
        Assert.Contains("receipt of 6 units (reference PO-1)", detail, StringComparison.Ordinal);
        Assert.Contains("PO-2", (await otherReference.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await otherMovement.AssertProblemAsync(HttpStatusCode.Conflict, "event-id-conflict");
        Assert.Equal(length, await _host.JournalLengthAsync(position));
        Assert.Equal(5, (await PositionAsync(position)).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Receipt_RetriedWithSameEventId_MovesNothing()
    {
        var position = await _host.NewPositionAsync(0);
        await PostAsync(position, "receipts", new { eventId = "rcv-dup", quantity = 5 });
        var events = await _host.JournalLengthAsync(position);

        await PostAsync(position, "receipts", new { eventId = "rcv-dup", quantity = 5 });

        Assert.Equal(5, (await PositionAsync(position)).GetProperty("onHand").GetInt32());
        Assert.Equal(events, await _host.JournalLengthAsync(position));
    }

    [Fact]
    public async Task CycleCount_SetsOnHand_AndPreemptsReservationsItNoLongerCovers()
    {
        var position = await _host.NewPositionAsync(10);
        var reserve = await _host.Client(GatewayHost.WebKey).PostAsJsonAsync("/v1/inventory/reservations",
            new { requestId = "cc-r1", orderRef = "web:cc", kind = "Order", lines = new[] { new { sku = position.Sku, locationId = position.LocationId, quantity = 6 } } });
        await reserve.AssertOkAsync();

        var answer = await PostAsync(position, "cycle-counts", new { eventId = "count-1", countedQuantity = 4, reason = "annual count" });

        var preempted = Assert.Single(answer.GetProperty("preempted").EnumerateArray());
        Assert.Equal("web", preempted.GetProperty("channelId").GetString());
        Assert.Equal("CycleCount", preempted.GetProperty("cause").GetString());
        var view = await PositionAsync(position);
        Assert.Equal(4, view.GetProperty("onHand").GetInt32());
        Assert.Equal(0, view.GetProperty("reserved").GetInt32());
    }

    [Fact]
    public async Task CycleCount_OfZero_IsAccepted()
    {
        var position = await _host.NewPositionAsync(3);
        await PostAsync(position, "cycle-counts", new { eventId = "count-zero", countedQuantity = 0 });
        Assert.Equal(0, (await PositionAsync(position)).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task Damage_MovesOnHandToDamaged()
    {
        var position = await _host.NewPositionAsync(10);
        await PostAsync(position, "damages", new { eventId = "dmg-1", quantity = 3, reason = "forklift" });
        var view = await PositionAsync(position);
        Assert.Equal(7, view.GetProperty("onHand").GetInt32());
        Assert.Equal(3, view.GetProperty("damaged").GetInt32());
    }

    [Fact]
    public async Task Damage_BeyondOnHand_IsConflict_AndChangesNothing()
    {
        var position = await _host.NewPositionAsync(2);
        var events = await _host.JournalLengthAsync(position);

        var response = await _host.Client(GatewayHost.WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/damages", new { eventId = "dmg-big", quantity = 5 });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-stock");
        Assert.Equal(2, problem.GetProperty("available").GetInt32());
        Assert.Equal(events, await _host.JournalLengthAsync(position));
        Assert.Equal(2, (await PositionAsync(position)).GetProperty("onHand").GetInt32());
    }

    [Fact]
    public async Task QualityControl_HoldThenRelease_MovesUnitsBackAndToDamaged()
    {
        var position = await _host.NewPositionAsync(10);
        await PostAsync(position, "quality-control/holds", new { eventId = "qc-1", quantity = 4, reason = "suspected leak" });
        Assert.Equal(4, (await PositionAsync(position)).GetProperty("qualityControl").GetInt32());

        await PostAsync(position, "quality-control/releases", new { eventId = "qc-2", quantity = 3, outcome = "Restocked" });
        await PostAsync(position, "quality-control/releases", new { eventId = "qc-3", quantity = 1, outcome = "Damaged" });

        var view = await PositionAsync(position);
        Assert.Equal(9, view.GetProperty("onHand").GetInt32());
        Assert.Equal(1, view.GetProperty("damaged").GetInt32());
        Assert.Equal(0, view.GetProperty("qualityControl").GetInt32());
    }

    [Fact]
    public async Task Transfer_OutAtOneLocation_InTransitThenReceivedAtTheOther()
    {
        var from = await _host.NewPositionAsync(10, "DC-1");
        var to = new PositionKey(from.Sku, "STORE-9");

        await PostAsync(from, "transfers/outbound", new { eventId = "tr-out", transferId = "TR-1", quantity = 4, toLocationId = "STORE-9" });
        await PostAsync(to, "transfers/inbound", new { eventId = "tr-ann", transferId = "TR-1", quantity = 4, fromLocationId = "DC-1" });
        Assert.Equal(4, (await PositionAsync(to)).GetProperty("inTransit").GetInt32());
        await PostAsync(to, "transfers/inbound/receipts", new { eventId = "tr-in", transferId = "TR-1", quantity = 4, fromLocationId = "DC-1" });

        Assert.Equal(6, (await PositionAsync(from)).GetProperty("onHand").GetInt32());
        var arrived = await PositionAsync(to);
        Assert.Equal(4, arrived.GetProperty("onHand").GetInt32());
        Assert.Equal(0, arrived.GetProperty("inTransit").GetInt32());
    }

    [Fact]
    public async Task Returns_RestockAndProcessing_FollowTheirDisposition()
    {
        var position = await _host.NewPositionAsync(0);
        await PostAsync(position, "returns", new { eventId = "ret-1", returnRef = "RMA-1", quantity = 2, disposition = "Restock" });
        await PostAsync(position, "returns", new { eventId = "ret-2", returnRef = "RMA-2", quantity = 3, disposition = "ProcessingRequired" });
        Assert.Equal(3, (await PositionAsync(position)).GetProperty("qualityControl").GetInt32());

        await PostAsync(position, "returns/processing", new { eventId = "ret-3", returnRef = "RMA-2", quantity = 3, outcome = "Restocked" });

        var view = await PositionAsync(position);
        Assert.Equal(5, view.GetProperty("onHand").GetInt32());
        Assert.Equal(0, view.GetProperty("qualityControl").GetInt32());
    }

    [Fact]
    public async Task Movement_WithReadOnlyKey_IsForbidden_AndChangesNothing()
    {
        var position = await _host.NewPositionAsync(1);
        var events = await _host.JournalLengthAsync(position);

        var response = await _host.Client(GatewayHost.ReadOnlyKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "ro-1", quantity = 1 });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        Assert.Contains("inventory:write", problem.GetProperty("detail").GetString());
        Assert.Equal(events, await _host.JournalLengthAsync(position));
    }
}
