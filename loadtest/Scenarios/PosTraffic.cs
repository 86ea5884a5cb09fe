using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.StoreDays;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;

namespace Parity.LoadTest.Scenarios;

/// <summary>One POS ticket as sent: its lines and what it does to inventory.</summary>
/// <param name="TicketId">POS ticket id.</param>
/// <param name="Lines">(SKU, quantity, unit price, is a return) per line.</param>
internal sealed record PosTicketPlan(string TicketId, IReadOnlyList<(string Sku, int Quantity, decimal UnitPrice, bool Return)> Lines)
{
    /// <summary>Σ sale lines (no tax is sent).</summary>
    public decimal Sales => Lines.Where(l => !l.Return).Sum(l => l.Quantity * l.UnitPrice);

    /// <summary>Σ return lines.</summary>
    public decimal Returns => Lines.Where(l => l.Return).Sum(l => l.Quantity * l.UnitPrice);
}

/// <summary>
/// Builds POS batches (JSON or CSV, the two formats stores upload), sends them and keeps a ledger of what was
/// acknowledged per store and per position, then checks it against the store days and the positions: every ticket
/// acknowledged as Recorded must be counted exactly once, and each store position's OnHand must equal what was
/// received − sold + restocked.
/// </summary>
/// <remarks>Batches and closes go with the store's own key (<see cref="ScenarioKeys.Store"/>); reads with the admin key.</remarks>
internal sealed class PosTraffic(HttpClient http, AdminApi api, ScenarioKeys keys, string runId, IReadOnlyList<string> stores, IReadOnlyList<string> skus, DateOnly businessDate)
{
    private readonly ConcurrentDictionary<string, StoreLedger> _stores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _sentTo = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _unitsSold = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _unitsRestocked = new(StringComparer.Ordinal);
    private long _uncertainBatches;

    /// <summary>The stores uploading.</summary>
    public IReadOnlyList<string> Stores => stores;

    /// <summary>The business date every batch is for.</summary>
    public DateOnly BusinessDate => businessDate;

    /// <summary>Batches whose answer never came (errors): they may or may not have been recorded.</summary>
    public long UncertainBatches => Interlocked.Read(ref _uncertainBatches);

    /// <summary>The tickets of batch <paramref name="batchNumber"/> of a store: a pure function of the seed, so reruns are alike.</summary>
    public PosBatchPlan Plan(string store, long batchNumber, int tickets, int seed, bool withReturns)
    {
        var random = new Random(HashCode.Combine(seed, store, batchNumber));
        var list = new List<PosTicketPlan>(tickets);
        for (var t = 0; t < tickets; t++)
        {
            var lines = new List<(string, int, decimal, bool)>();
            var saleSku = skus[random.Next(skus.Count)];
            var saleQuantity = random.Next(1, 4);
            lines.Add((saleSku, saleQuantity, UnitPrice(saleSku), false));
            if (withReturns && random.Next(4) == 0)
            {
                // A return of one unit of another item, back on the shelf; the ticket still nets positive, so every
                // ticket posts a journal and the expected count stays one per ticket (a ticket netting to zero posts none).
                var returnSku = skus[random.Next(skus.Count)];
                if (UnitPrice(returnSku) < saleQuantity * UnitPrice(saleSku))
                {
                    lines.Add((returnSku, 1, UnitPrice(returnSku), true));
                }
            }

            list.Add(new PosTicketPlan(string.Create(CultureInfo.InvariantCulture, $"T-{runId}-{batchNumber}-{t}"), lines));
        }

        return new PosBatchPlan(store, string.Create(CultureInfo.InvariantCulture, $"B-{runId}-{batchNumber}"), list, Csv: random.Next(2) == 0);
    }

    /// <summary>A SKU's price: fixed per SKU so totals can be recomputed.</summary>
    public static decimal UnitPrice(string sku) => 5m + (Math.Abs(StringComparer.Ordinal.GetHashCode(sku) % 2000) / 100m);

    /// <summary>Sends <paramref name="plan"/> and books what it acknowledged.</summary>
    public async Task<RequestOutcome> SendAsync(PosBatchPlan plan, CancellationToken cancellationToken)
    {
        var date = businessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var path = $"/v1/stores/{plan.Store}/days/{date}/batches";
        HttpContent content = plan.Csv ? new StringContent(Csv(plan, date), Encoding.UTF8) : new ByteArrayContent(JsonBody(plan, date));
        content.Headers.ContentType = new MediaTypeHeaderValue(plan.Csv ? "text/csv" : "application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, plan.Csv ? path + "?batchId=" + plan.BatchId : path) { Content = content };
        message.Headers.Add("X-Api-Key", keys.Store(plan.Store));
        _sentTo.TryAdd(plan.Store, true);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                if ((int)response.StatusCode >= 500)
                {
                    Interlocked.Increment(ref _uncertainBatches);
                }

                return response.StatusCode == System.Net.HttpStatusCode.Conflict ? RequestOutcome.Rejected : RequestOutcome.Error;
            }

            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(AdminApi.Json, cancellationToken).ConfigureAwait(false);
            var recorded = new HashSet<string>(StringComparer.Ordinal);
            foreach (var ticket in answer.GetProperty("tickets").EnumerateArray())
            {
                var status = ticket.GetProperty("status");
                if (status.ValueKind == JsonValueKind.String ? status.GetString() == "Recorded" : status.GetInt32() == 0)
                {
                    recorded.Add(ticket.GetProperty("ticketId").GetString()!);
                }
            }

            var ledger = _stores.GetOrAdd(plan.Store, _ => new StoreLedger());
            lock (ledger)
            {
                ledger.Batches++;
                foreach (var ticket in plan.Tickets.Where(t => recorded.Contains(t.TicketId)))
                {
                    ledger.Tickets++;
                    ledger.Sales += ticket.Sales;
                    ledger.TicketIds.Add(ticket.TicketId);
                    foreach (var line in ticket.Lines)
                    {
                        var position = $"{line.Sku}@{plan.Store}";
                        (line.Return ? _unitsRestocked : _unitsSold).AddOrUpdate(position, line.Quantity, (_, n) => n + line.Quantity);
                    }
                }
            }

            return RequestOutcome.Accepted;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Interlocked.Increment(ref _uncertainBatches);
            return RequestOutcome.Error;
        }
    }

    /// <summary>
    /// Compares the ledger with every store day (batches, tickets, sales revenue) and, once the days have applied their
    /// lines to inventory, every store position's OnHand with <paramref name="received"/> − sold + restocked (+
    /// <paramref name="otherMovements"/>, e.g. order returns in store). Returns (lost acknowledgements, details, notes).
    /// </summary>
    public async Task<(long Lost, List<string> Details, List<string> Notes)> CheckAsync(int received, IReadOnlyDictionary<string, long> otherMovements, CancellationToken cancellationToken)
    {
        long lost = 0;
        var details = new List<string>();
        var notes = new List<string>();
        var date = businessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var exact = UncertainBatches == 0;
        if (!exact)
        {
            notes.Add($"{UncertainBatches} POS batch(es) ended without an answer: store days may hold more than was acknowledged, so only shortfalls count and OnHand is not compared");
        }

        foreach (var store in stores)
        {
            // The day applies its lines to inventory after answering (retried); wait until nothing is pending.
            JsonElement? day = null;
            for (var attempt = 0; attempt < 60; attempt++)
            {
                day = await api.GetAsync($"/v1/stores/{store}/days/{date}", cancellationToken).ConfigureAwait(false);
                if (day is null || day.Value.GetProperty("pendingInventoryLines").GetInt32() == 0)
                {
                    break;
                }

                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }

            var ledger = _stores.GetValueOrDefault(store) ?? new StoreLedger();
            var (tickets, sales, batches) = day is { } d
                ? (d.GetProperty("totals").GetProperty("tickets").GetInt32(), d.GetProperty("totals").GetProperty("salesRevenue").GetDecimal(), d.GetProperty("batches").GetInt32())
                : (0, 0m, 0);
            var missing = ledger.Tickets - tickets;
            var extra = tickets - ledger.Tickets;
            if (missing > 0 || (exact && (extra != 0 || sales != ledger.Sales || batches != ledger.Batches)))
            {
                lost += Math.Max(1, Math.Abs(missing));
                details.Add(string.Create(CultureInfo.InvariantCulture,
                    $"store {store}: acknowledged {ledger.Batches} batch(es), {ledger.Tickets} ticket(s), sales {ledger.Sales}; the day holds {batches}, {tickets}, {sales}"));
            }

            if (!exact)
            {
                continue;
            }

            foreach (var sku in skus)
            {
                var position = $"{sku}@{store}";
                var expected = received - _unitsSold.GetValueOrDefault(position) + _unitsRestocked.GetValueOrDefault(position) + otherMovements.GetValueOrDefault(position);
                var (onHand, _) = await api.PositionAsync(position, cancellationToken).ConfigureAwait(false);
                if (onHand != expected)
                {
                    lost += Math.Abs(onHand - expected);
                    details.Add(string.Create(CultureInfo.InvariantCulture, $"{position}: OnHand {onHand}, expected {expected} (received {received} − sold {_unitsSold.GetValueOrDefault(position)} + restocked {_unitsRestocked.GetValueOrDefault(position)} + other {otherMovements.GetValueOrDefault(position)})"));
                }
            }
        }

        return (lost, details, notes);
    }

    /// <summary>Acknowledged tickets, over every store.</summary>
    public long AcknowledgedTickets => _stores.Values.Sum(s => (long)s.Tickets);

    /// <summary>
    /// Closes the day of every store a batch was sent to, each with the store's own key (503/504 retried for a minute,
    /// as a run that overloaded the silo may leave it busy). Returns the days that did not close, with why.
    /// </summary>
    public async Task<IReadOnlyList<string>> CloseDaysAsync(CancellationToken cancellationToken)
    {
        var date = businessDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(_sentTo.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (store, ct) =>
        {
            var deadline = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, $"/v1/stores/{store}/days/{date}/close");
                message.Headers.Add("X-Api-Key", keys.Store(store));
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(message, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    failures.Add($"closing {store}:{date} got no answer: {ex.Message}");
                    return;
                }

                using var _ = response;
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                if (response.StatusCode is System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.GatewayTimeout && deadline.Elapsed < TimeSpan.FromMinutes(1))
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                    continue;
                }

                failures.Add($"closing {store}:{date} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)}");
                return;
            }
        }).ConfigureAwait(false);
        return [.. failures];
    }

    /// <summary>
    /// The ERP journals the acknowledged tickets imply once every day is closed, by the description posting gives them,
    /// with each store's posting granularity as the silo resolves it from <paramref name="storeDays"/>: a summary store
    /// posts one summary per day with tickets; a per-ticket store one journal per recorded ticket. Tickets recorded by
    /// a batch that ended without an answer are not known here, so their journals are not expected (nor counted as
    /// duplicates).
    /// </summary>
    public IReadOnlyDictionary<string, int> ExpectedJournals(StoreDayOptions storeDays)
    {
        ArgumentNullException.ThrowIfNull(storeDays);
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (store, ledger) in _stores)
        {
            var day = new StoreDayKey(store, businessDate);
            lock (ledger)
            {
                if (ledger.Tickets == 0)
                {
                    continue;
                }

                if (storeDays.For(store).Posting == PostingGranularity.PerTicket)
                {
                    foreach (var ticket in ledger.TicketIds)
                    {
                        expected[ErpPostingCheck.Description(BusinessFactKind.PosTicket, StoreDayPosting.TicketFactId(day, ticket))] = 1;
                    }
                }
                else
                {
                    expected[ErpPostingCheck.Description(BusinessFactKind.StoreDaySummary, StoreDayPosting.SummaryFactId(day))] = 1;
                }
            }
        }

        return expected;
    }

    /// <summary>Plants an acknowledgement the server never saw (tests: the checker must find it).</summary>
    internal void PlantAcknowledgedTicket(string store, decimal sales)
    {
        var ledger = _stores.GetOrAdd(store, _ => new StoreLedger());
        lock (ledger)
        {
            ledger.Tickets++;
            ledger.Sales += sales;
        }
    }

    private static byte[] JsonBody(PosBatchPlan plan, string date) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        batchId = plan.BatchId,
        tickets = plan.Tickets.Select(t => new
        {
            ticketId = t.TicketId,
            store = plan.Store,
            businessDate = date,
            occurredAt = date + "T12:00:00Z",
            lines = t.Lines.Select(l => (object)(l.Return
                ? new { type = "return", sku = l.Sku, quantity = l.Quantity, unitPrice = l.UnitPrice, tax = 0m, restock = true }
                : new { type = "sale", sku = l.Sku, quantity = l.Quantity, unitPrice = l.UnitPrice, tax = 0m })),
            tenders = new[] { new { method = "card", amount = t.Sales - t.Returns } },
        }),
    }, AdminApi.Json);

    private static string Csv(PosBatchPlan plan, string date)
    {
        var csv = new StringBuilder("ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,restock,tender_method,amount\n");
        foreach (var t in plan.Tickets)
        {
            var prefix = $"{t.TicketId},{plan.Store},{date},{date}T12:00:00Z,";
            foreach (var l in t.Lines)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{prefix}{(l.Return ? "return" : "sale")},{l.Sku},{l.Quantity},{l.UnitPrice},0,{(l.Return ? "true" : "")},,\n");
            }

            csv.Append(CultureInfo.InvariantCulture, $"{prefix}tender,,,,,,card,{t.Sales - t.Returns}\n");
        }

        return csv.ToString();
    }

    private sealed class StoreLedger
    {
        public int Batches;
        public int Tickets;
        public decimal Sales;
        public readonly List<string> TicketIds = [];
    }
}

/// <summary>One batch to upload.</summary>
/// <param name="Store">The store.</param>
/// <param name="BatchId">Unique per run.</param>
/// <param name="Tickets">Its tickets.</param>
/// <param name="Csv">Sent as CSV (else JSON).</param>
internal sealed record PosBatchPlan(string Store, string BatchId, IReadOnlyList<PosTicketPlan> Tickets, bool Csv);
