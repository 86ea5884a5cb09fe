using Orleans;
using Parity.Gateway.Hosting;
using Parity.Gateway.Idempotency;
using Parity.Gateway.Inventory.Contracts;
using Parity.Gateway.Requests;
using Parity.Gateway.Security;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory;

/// <summary>Stock movements on one position (<c>/v1/inventory/positions/{SKU@LOCATION}/...</c>). Each is validated
/// whole before the position is called, and is idempotent by its event id at the position.</summary>
internal static class MovementEndpoints
{
    public static void Map(RouteGroupBuilder inventory)
    {
        var positions = inventory.MapGroup("/positions/{position}")
            .RequireAuthorization(GatewayScopes.InventoryWrite)
            .Idempotent();

        positions.Movement<ReceiptRequest>("/receipts", "ReceiveInventory", "Receive units into OnHand",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Positive(b.Quantity, "quantity");
                v.Reference(b.Reference, "reference", required: false);
            },
            (g, b, id) => g.ReceiveAsync(id, b.Quantity!.Value, b.Reference));

        positions.Movement<IncomingRequest>("/incoming", "ExpectIncoming", "Announce units on a purchase order or ASN (Incoming)",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Positive(b.Quantity, "quantity");
                v.Reference(b.Reference, "reference");
            },
            (g, b, id) => g.ExpectIncomingAsync(id, b.Quantity!.Value, b.Reference!));

        positions.Movement<CycleCountRequest>("/cycle-counts", "CountInventory", "Record a cycle count: OnHand becomes the counted quantity",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.NonNegative(b.CountedQuantity, "countedQuantity", Limits.MaxPositionQuantity);
                v.Text(b.Reason, "reason");
            },
            (g, b, id) => g.AdjustAsync(id, b.CountedQuantity!.Value, b.Reason));

        positions.Movement<WriteOffRequest>("/damages", "RecordDamage", "Write units off from OnHand to Damaged",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Positive(b.Quantity, "quantity");
                v.Text(b.Reason, "reason");
            },
            (g, b, id) => g.RecordDamageAsync(id, b.Quantity!.Value, b.Reason));

        positions.Movement<WriteOffRequest>("/quality-control/holds", "HoldForQualityControl", "Move units from OnHand to QualityControl",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Positive(b.Quantity, "quantity");
                v.Text(b.Reason, "reason");
            },
            (g, b, id) => g.MoveToQualityControlAsync(id, b.Quantity!.Value, b.Reason));

        positions.Movement<QualityControlReleaseRequest>("/quality-control/releases", "ReleaseFromQualityControl", "Release inspected units to OnHand or Damaged",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Positive(b.Quantity, "quantity");
                v.Required(b.Outcome, "outcome");
            },
            (g, b, id) => g.ReleaseFromQualityControlAsync(id, b.Quantity!.Value, b.Outcome!.Value));

        positions.Movement<TransferOutRequest>("/transfers/outbound", "TransferOut", "Ship unreserved units to another location",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Id(b.TransferId, "transferId");
                v.Positive(b.Quantity, "quantity");
                v.Location(b.ToLocationId, "toLocationId");
            },
            (g, b, id) => g.TransferOutAsync(id, b.TransferId!, b.Quantity!.Value, b.ToLocationId!));

        positions.Movement<TransferInRequest>("/transfers/inbound", "AnnounceTransferIn", "Announce a transfer to this location (InTransit)",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Id(b.TransferId, "transferId");
                v.Positive(b.Quantity, "quantity");
                v.Location(b.FromLocationId, "fromLocationId");
            },
            (g, b, id) => g.AnnounceTransferInAsync(id, b.TransferId!, b.Quantity!.Value, b.FromLocationId!));

        positions.Movement<TransferInRequest>("/transfers/inbound/receipts", "ReceiveTransfer", "Receive transferred units into OnHand",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Id(b.TransferId, "transferId");
                v.Positive(b.Quantity, "quantity");
                v.Location(b.FromLocationId, "fromLocationId");
            },
            (g, b, id) => g.ReceiveTransferAsync(id, b.TransferId!, b.Quantity!.Value, b.FromLocationId!));

        positions.Movement<ReturnReceiptRequest>("/returns", "ReceiveReturn", "Receive a customer return with its Disposition",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Id(b.ReturnRef, "returnRef");
                v.Positive(b.Quantity, "quantity");
                v.Required(b.Disposition, "disposition");
            },
            (g, b, id) => g.ReceiveReturnAsync(id, b.ReturnRef!, b.Quantity!.Value, b.Disposition!.Value));

        positions.Movement<ReturnProcessingRequest>("/returns/processing", "ProcessReturn", "Decide units of a ProcessingRequired return",
            (b, v) =>
            {
                v.Id(b.EventId, "eventId");
                v.Id(b.ReturnRef, "returnRef");
                v.Positive(b.Quantity, "quantity");
                v.Required(b.Outcome, "outcome");
            },
            (g, b, id) => g.ProcessReturnAsync(id, b.ReturnRef!, b.Quantity!.Value, b.Outcome!.Value));
    }

    // The apply delegate runs only once every check of the validate delegate passed.
    private static void Movement<TBody>(this RouteGroupBuilder positions, string pattern, string name, string summary,
        Action<TBody, RequestValidator> validate, Func<IInventoryPositionGrain, TBody, string, Task<MovementResult>> apply)
        where TBody : class, ICommandRequest
    {
        positions.MapPost(pattern, async Task<IResult> (string position, TBody body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
            {
                var validator = new RequestValidator();
                var key = validator.Position(position, "position");
                validate(body, validator);
                if (await validator.CheckAsync(context, catalog) is { } refused)
                {
                    return refused;
                }

                var eventId = body.EventId!;
                GatewayCommand.Start(context, eventId);
                // Event ids are the channel's own: the position dedupes on {channel}/{eventId}, so another channel's id
                // never answers this one's movement (lineage keeps the id as sent).
                var result = await apply(grains.GetGrain<IInventoryPositionGrain>(key.ToString()), body, ChannelIds.Scope(context.User.ChannelId(), eventId));
                return TypedResults.Ok(MovementResponse.From(key, eventId, result));
            })
            .WithName(name)
            .WithSummary(summary)
            .WithTags("Inventory movements")
            .Produces<MovementResponse>()
            .GatewayProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
    }
}
