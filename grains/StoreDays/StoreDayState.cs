using System.Security.Cryptography;
using System.Text.Json;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.StoreDays;
using Parity.Providers.Journal;

namespace Parity.Grains.StoreDays;

/// <summary>Everything a store day folds from its journal. Public get/set members so that it round-trips through a
/// JSON snapshot.</summary>
public sealed class StoreDayState
{
    private static readonly IReadOnlyDictionary<string, decimal> NoCosts = new Dictionary<string, decimal>();

    /// <summary>Settings fixed when the day began; null before its first batch or close.</summary>
    public StoreDaySettings? Settings { get; set; }

    /// <summary>Open or closed.</summary>
    public StoreDayStatus Status { get; set; }

    /// <summary>When the day was closed.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Batches recorded, by batch id: fingerprint and original answer.</summary>
    public Dictionary<string, RecordedPosBatch> Batches { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Ids of batches recorded while the day was open, in order (the summary's lineage).</summary>
    public List<string> OnTimeBatchIds { get; set; } = [];

    /// <summary>Ticket ids recorded, each with the fingerprint of its content (a re-sent ticket that differs is a conflict).</summary>
    public Dictionary<string, string> Tickets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Totals of tickets recorded while open.</summary>
    public StoreDayTotals Totals { get; set; } = StoreDayTotals.Empty;

    /// <summary>What is wrong with the stored journal (batches whose amounts overflow the totals, journaled before the
    /// money bounds); the totals leave the rest of such a batch out and reads name it.</summary>
    public List<string> Problems { get; set; } = [];

    /// <summary>Totals of tickets recorded after close.</summary>
    public StoreDayTotals LateTotals { get; set; } = StoreDayTotals.Empty;

    /// <summary>Ticket lines still to record on their inventory positions.</summary>
    public List<PendingInventoryLine> PendingLines { get; set; } = [];

    /// <summary>Facts still to hand to posting, in the order they were queued.</summary>
    public List<BusinessFact> PendingFacts { get; set; } = [];

    /// <summary>Facts posting accepted, in order.</summary>
    public List<string> PostedFacts { get; set; } = [];

    /// <summary>Units sold beyond OnHand over the day (each reported by its position as NegativeStock).</summary>
    public int NegativeStockUnits { get; set; }

    /// <summary>Folds one event.</summary>
    public void Apply(StoreDayEvent e)
    {
        switch (e)
        {
            case StoreDayOpened opened:
                Settings = opened.Settings;
                break;
            case PosBatchRecorded batch:
                Batches[batch.BatchId] = new RecordedPosBatch(batch.Fingerprint, batch.Outcome);
                if (!batch.Late)
                {
                    OnTimeBatchIds.Add(batch.BatchId);
                }

                foreach (var ticket in batch.NewTickets)
                {
                    Tickets[ticket.TicketId] = Fingerprint(ticket);
                    // Costs accumulate as tickets arrive, so the summary at close needs no rescan of the day's tickets.
                    var cogs = StoreDayPosting.Cogs(ticket, batch.UnitCosts ?? NoCosts);
                    if (batch.Late)
                    {
                        LateTotals = LateTotals.Add(ticket, cogs, batch.TaxCode);
                    }
                    else
                    {
                        Totals = Totals.Add(ticket, cogs, batch.TaxCode);
                    }

                    for (var i = 0; i < ticket.Lines.Count; i++)
                    {
                        var line = ticket.Lines[i];
                        if (line.Type == PosLineType.GiftCard)
                        {
                            // A gift card moves no stock; the index still counts it, so event ids of later lines stay put.
                            continue;
                        }

                        PendingLines.Add(new PendingInventoryLine(
                            LineEventId(batch.Outcome.StoreDay, ticket.TicketId, i), ticket.TicketId, line.Type, line.Sku, line.Quantity, line.Restock,
                            line.Type == PosLineType.Return ? line.OriginalOrderId : null, line.OriginalLineId, ticket.OccurredAt));
                    }
                }

                break;
            case InventoryLineRecorded recorded:
                PendingLines.RemoveAll(l => l.EventId == recorded.LineEventId);
                NegativeStockUnits += recorded.Shortfall;
                break;
            case PostingQueued queued:
                PendingFacts.Add(queued.Fact);
                break;
            case PostingHandedOff handedOff:
                if (PendingFacts.RemoveAll(f => f.FactId == handedOff.FactId) > 0)
                {
                    PostedFacts.Add(handedOff.FactId);
                }

                break;
            case StoreDayClosed closed:
                Status = StoreDayStatus.Closed;
                ClosedAt = closed.ClosedAt;
                break;
        }
    }

    /// <summary>A stable hash of a ticket's content.</summary>
    public static string Fingerprint(PosTicket ticket) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(ticket, ParityJournal.DefaultJsonOptions)));

    /// <summary>The inventory event id of line <paramref name="index"/> of a ticket: stable across retries and re-sent batches.</summary>
    public static string LineEventId(string storeDay, string ticketId, int index) => $"pos:{storeDay}:{ticketId}:{index}";
}

/// <summary>A recorded batch.</summary>
/// <param name="Fingerprint">Hash of its content.</param>
/// <param name="Outcome">Its original answer.</param>
public sealed record RecordedPosBatch(string Fingerprint, PosBatchOutcome Outcome);
