using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.StoreDays;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Scenarios;

/// <summary>Relative weights of the operations of an omnichannel day.</summary>
/// <param name="Place">Web and marketplace orders placed with a captured payment.</param>
/// <param name="Ship">Shipments of allocated orders.</param>
/// <param name="Cancel">Cancellations of allocated orders.</param>
/// <param name="Return">Returns of shipped orders (half of them received in a store).</param>
/// <param name="Refund">Refunds of returned orders.</param>
/// <param name="Pos">POS batches from the stores.</param>
internal sealed record OperationMix(double Place, double Ship, double Cancel, double Return, double Refund, double Pos)
{
    /// <summary>Half the traffic places orders; the rest follows them through their life, plus the stores' tills.</summary>
    public static OperationMix Default { get; } = new(50, 15, 5, 10, 5, 15);

    /// <summary>Parses <c>place=50,ship=15,cancel=5,return=10,refund=5,pos=15</c>; names left out keep their default.</summary>
    public static OperationMix Parse(string text)
    {
        var mix = Default;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || weight < 0)
            {
                throw new ArgumentException($"--mix: '{part}' is not name=weight.");
            }

            mix = pair[0].ToLowerInvariant() switch
            {
                "place" => mix with { Place = weight },
                "ship" => mix with { Ship = weight },
                "cancel" => mix with { Cancel = weight },
                "return" => mix with { Return = weight },
                "refund" => mix with { Refund = weight },
                "pos" => mix with { Pos = weight },
                _ => throw new ArgumentException($"--mix: unknown operation '{pair[0]}' (place, ship, cancel, return, refund, pos)."),
            };
        }

        if (mix.Place + mix.Pos <= 0)
        {
            throw new ArgumentException("--mix: place or pos must have a weight, or nothing can happen.");
        }

        return mix;
    }
}

/// <summary>The shape of an omnichannel day or a POS burst.</summary>
internal sealed record MixedOptions
{
    /// <summary>SKUs sold.</summary>
    public int Skus { get; init; } = 20;

    /// <summary>Stores uploading POS batches.</summary>
    public int Stores { get; init; } = 5;

    /// <summary>Units received into every position (the DC and each store) before the run.</summary>
    public int Stock { get; init; } = 100_000;

    /// <summary>Tickets per POS batch.</summary>
    public int TicketsPerBatch { get; init; } = 5;

    /// <summary>The operation mix (omnichannel-day).</summary>
    public OperationMix Mix { get; init; } = OperationMix.Default;

    /// <summary>Seed of the request mix.</summary>
    public int Seed { get; init; } = 7;
}

/// <summary>
/// The omnichannel-day scenario over HTTP: request i is an operation drawn by the mix. Orders (web and marketplaces,
/// paid at checkout so they allocate at the DC) move through a pipeline of queues — placed orders may be shipped or
/// cancelled, shipped ones returned (half in a store, restocked there), returned ones refunded — so every event is
/// one the order can take; when the queue an operation needs is empty, the request places an order instead. POS
/// batches come from the stores, JSON and CSV. Every acknowledgement is kept for the invariant check.
/// </summary>
internal sealed class OmnichannelDay : IRequestDriver
{
    /// <summary>The scenario's name on the command line and in reports.</summary>
    public const string Name = "omnichannel-day";

    private readonly HttpClient _http;
    private readonly AdminApi _api;
    private readonly ScenarioKeys _keys;
    private readonly MixedOptions _options;
    private readonly double[] _cumulative;
    private readonly ConcurrentDictionary<long, string> _operations = new();
    private readonly ConcurrentQueue<OrderRecord> _placed = new();
    private readonly ConcurrentQueue<OrderRecord> _shipped = new();
    private readonly ConcurrentQueue<OrderRecord> _returned = new();
    private readonly ConcurrentBag<OrderRecord> _orders = [];
    private readonly ConcurrentDictionary<string, long> _storeRestocks = new(StringComparer.Ordinal);
    private long _posBatches;

    /// <summary>Creates the scenario; <paramref name="keys"/> says which key each request carries.</summary>
    public OmnichannelDay(HttpClient http, AdminApi api, ScenarioKeys keys, MixedOptions options, string runId)
    {
        _http = http;
        _api = api;
        _keys = keys;
        _options = options;
        RunId = runId;
        Skus = [.. Enumerable.Range(1, options.Skus).Select(n => $"OC-{runId}-{n}")];
        Stores = StoreIds(runId, options.Stores);
        Pos = new PosTraffic(http, api, keys, runId, Stores, Skus, DateOnly.FromDateTime(DateTime.UtcNow));
        var m = options.Mix;
        double sum = 0;
        _cumulative = [.. new[] { m.Place, m.Ship, m.Cancel, m.Return, m.Refund, m.Pos }.Select(w => sum += w)];
    }

    /// <summary>The channels orders are placed for, each with its own key in process.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["web", "marketplace-1", "marketplace-2"];

    /// <summary>The store ids of run <paramref name="runId"/> (known before the host starts, which issues their keys).</summary>
    public static IReadOnlyList<string> StoreIds(string runId, int stores) => [.. Enumerable.Range(1, stores).Select(n => $"S{runId}-{n}")];

    /// <summary>Distinguishes this run's SKUs, stores and ids.</summary>
    public string RunId { get; }

    /// <summary>The SKUs sold.</summary>
    public IReadOnlyList<string> Skus { get; }

    /// <summary>The stores.</summary>
    public IReadOnlyList<string> Stores { get; }

    /// <summary>The POS traffic and its ledger.</summary>
    public PosTraffic Pos { get; }

    /// <summary>Orders with at least one acknowledged operation.</summary>
    public IReadOnlyCollection<OrderRecord> Orders => _orders;

    /// <summary>The operation request <paramref name="index"/> turned out to be.</summary>
    public string OperationOf(long index) => _operations.GetValueOrDefault(index, "not-sent");

    /// <summary>Receives stock for every SKU at the DC and at every store.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var positions = Skus.SelectMany(s => Stores.Append(InProcessHost.OrderLocation).Select(l => $"{s}@{l}")).ToList();
        await Parallel.ForEachAsync(positions, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (p, ct) => await _api.ReceiveAsync(p, _options.Stock, $"{RunId}-stock-{p.Replace('@', '-')}", ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public async Task<RequestOutcome> SendAsync(long index, CancellationToken cancellationToken)
    {
        var random = new Random(HashCode.Combine(_options.Seed, index));
        var pick = random.NextDouble() * _cumulative[^1];
        var kind = Array.FindIndex(_cumulative, w => pick < w);
        OrderRecord? order = null;
        switch (kind)
        {
            case 1 or 2 when _placed.TryDequeue(out order):
                return await EventAsync(index, order, kind == 1 ? "ship" : "cancel", random, cancellationToken).ConfigureAwait(false);
            case 3 when _shipped.TryDequeue(out order):
                return await EventAsync(index, order, random.Next(2) == 0 ? "return-in-store" : "return", random, cancellationToken).ConfigureAwait(false);
            case 4 when _returned.TryDequeue(out order):
                return await EventAsync(index, order, "refund", random, cancellationToken).ConfigureAwait(false);
            case 5:
                _operations[index] = "pos-batch";
                var store = Stores[random.Next(Stores.Count)];
                return await Pos.SendAsync(Pos.Plan(store, Interlocked.Increment(ref _posBatches), _options.TicketsPerBatch, _options.Seed, withReturns: true), cancellationToken).ConfigureAwait(false);
            default:
                return await PlaceAsync(index, random, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<RequestOutcome> PlaceAsync(long index, Random random, CancellationToken cancellationToken)
    {
        _operations[index] = "place";
        var channel = Channels[random.Next(Channels.Count)];
        var sku = Skus[random.Next(Skus.Count)];
        var quantity = random.Next(1, 3);
        var channelOrderId = string.Create(CultureInfo.InvariantCulture, $"{RunId}-{index}");
        var amount = quantity * PosTraffic.UnitPrice(sku);
        var body = new
        {
            eventId = "place-" + channelOrderId,
            channel,
            channelOrderId,
            currency = "EUR",
            lines = new[] { new { lineId = "1", sku, quantity, unitPrice = PosTraffic.UnitPrice(sku) } },
            payments = new[] { new { method = "card", reference = "pay-" + channelOrderId, amount, status = "captured" } },
        };
        var order = new OrderRecord($"{channel}:{channelOrderId}", sku, quantity, amount);
        var outcome = await PostAsync("/v1/orders", body, _keys.Channel(channel), cancellationToken).ConfigureAwait(false);
        if (outcome == RequestOutcome.Accepted)
        {
            order.Acknowledge("place");
            _orders.Add(order);
            _placed.Enqueue(order);
        }

        return outcome;
    }

    private async Task<RequestOutcome> EventAsync(long index, OrderRecord order, string operation, Random random, CancellationToken cancellationToken)
    {
        _operations[index] = operation;
        var eventId = $"{operation}-{order.OrderId.Replace(':', '-')}";
        object body = operation switch
        {
            "ship" => new { eventId, type = "Shipped" },
            "cancel" => new { eventId, type = "Cancelled", reason = "customer" },
            "return" or "return-in-store" => new
            {
                eventId,
                type = "ReturnReceived",
                locationId = operation == "return" ? InProcessHost.OrderLocation : order.ReturnStore = Stores[random.Next(Stores.Count)],
                lines = new[] { new { lineId = "1", quantity = order.Quantity, disposition = "Restock" } },
            },
            _ => new { eventId, type = "Refunded", amount = order.Amount, tender = "card" },
        };
        var outcome = await PostAsync($"/v1/orders/{order.OrderId}/events", body, _keys.Channel(order.Channel), cancellationToken).ConfigureAwait(false);
        if (outcome != RequestOutcome.Accepted)
        {
            return outcome;
        }

        order.Acknowledge(operation);
        if (operation == "ship")
        {
            _shipped.Enqueue(order);
        }
        else if (operation.StartsWith("return", StringComparison.Ordinal))
        {
            if (order.ReturnStore is { } store)
            {
                _storeRestocks.AddOrUpdate($"{order.Sku}@{store}", order.Quantity, (_, n) => n + order.Quantity);
            }

            _returned.Enqueue(order);
        }

        return outcome;
    }

    private async Task<RequestOutcome> PostAsync(string path, object body, string key, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: AdminApi.Json) };
        message.Headers.Add("X-Api-Key", key);
        try
        {
            using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? RequestOutcome.Accepted
                : response.StatusCode == HttpStatusCode.Conflict ? RequestOutcome.Rejected
                : RequestOutcome.Error;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return RequestOutcome.Error;
        }
    }

    /// <summary>
    /// The invariants after the run: no position oversold (Reserved beyond OnHand), every acknowledged order readable
    /// with the state its acknowledged events imply and a history at least as long, every acknowledged POS ticket in its
    /// store day, and every store position's OnHand equal to received − POS sold + POS and order restocks.
    /// </summary>
    public async Task<InvariantResult> CheckAsync(string duplicatePostingsNote, CancellationToken cancellationToken)
    {
        var details = new ConcurrentBag<string>();
        long oversold = 0, lost = 0;
        var positions = Skus.SelectMany(s => Stores.Append(InProcessHost.OrderLocation).Select(l => $"{s}@{l}")).ToList();
        await Parallel.ForEachAsync(positions, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (p, ct) =>
        {
            var (onHand, reserved) = await _api.PositionAsync(p, ct).ConfigureAwait(false);
            var over = Math.Max(0, reserved - onHand) + Math.Max(0, -onHand);
            if (over > 0)
            {
                Interlocked.Add(ref oversold, over);
                details.Add($"{p}: oversold by {over} (OnHand {onHand}, Reserved {reserved})");
            }
        }).ConfigureAwait(false);

        await Parallel.ForEachAsync(_orders, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (order, ct) =>
        {
            var problem = await CheckOrderAsync(order, ct).ConfigureAwait(false);
            if (problem is not null)
            {
                Interlocked.Add(ref lost, order.Acknowledged.Count);
                details.Add($"order {order.OrderId} (acknowledged {string.Join(", ", order.Acknowledged)}): {problem}");
            }
        }).ConfigureAwait(false);

        var pos = await Pos.CheckAsync(_options.Stock, _storeRestocks, cancellationToken).ConfigureAwait(false);
        return new InvariantResult(oversold, 0, 0, lost + pos.Lost, 0,
            [.. pos.Notes, "safety-stock and cap breaches: 0 by construction, no channel policy is set in this scenario", duplicatePostingsNote],
            [.. details, .. pos.Details]);
    }

    /// <summary>What is wrong with an acknowledged order as the gateway shows it, or null.</summary>
    internal async Task<string?> CheckOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        var view = await _api.GetAsync($"/v1/orders/{order.OrderId}", cancellationToken).ConfigureAwait(false);
        if (view is not { } v)
        {
            return "not found";
        }

        var history = await _api.GetAsync($"/v1/orders/{order.OrderId}/history", cancellationToken).ConfigureAwait(false);
        var events = history is { ValueKind: JsonValueKind.Array } h ? h.GetArrayLength() : 0;
        if (events < order.Acknowledged.Count)
        {
            return $"history holds {events} event(s), fewer than the {order.Acknowledged.Count} acknowledged";
        }

        var line = v.GetProperty("lines")[0];
        int Units(string name) => line.GetProperty(name).GetInt32();
        var acked = order.Acknowledged;
        if (acked.Contains("cancel") && Units("cancelled") < order.Quantity)
        {
            return $"cancel acknowledged, {Units("cancelled")} unit(s) cancelled";
        }

        if (acked.Contains("ship") && Units("shipped") + Units("delivered") + Units("returned") < order.Quantity)
        {
            return $"shipment acknowledged, {Units("shipped")} unit(s) shipped";
        }

        if (acked.Any(a => a.StartsWith("return", StringComparison.Ordinal)) && Units("returned") < order.Quantity)
        {
            return $"return acknowledged, {Units("returned")} unit(s) returned";
        }

        if (acked.Contains("refund") && v.GetProperty("refunded").GetDecimal() < order.Amount)
        {
            return $"refund acknowledged, {v.GetProperty("refunded").GetDecimal()} refunded";
        }

        return null;
    }

    /// <summary>
    /// The ERP journals the acknowledged operations imply, by the description posting gives them: one per shipment,
    /// return and refund of each order (every order ships from one location).
    /// </summary>
    public IReadOnlyDictionary<string, int> ExpectedJournals()
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var order in _orders)
        {
            foreach (var operation in order.Acknowledged)
            {
                BusinessFactKind? kind = operation switch
                {
                    "ship" => BusinessFactKind.SaleShipped,
                    "return" or "return-in-store" => BusinessFactKind.SaleReturned,
                    "refund" => BusinessFactKind.Refunded,
                    _ => null,
                };
                if (kind is { } k)
                {
                    var key = ErpPostingCheck.Description(k, order.OrderId);
                    expected[key] = expected.GetValueOrDefault(key) + 1;
                }
            }
        }

        return expected;
    }

    /// <summary>
    /// The journals of the orders (<see cref="ExpectedJournals()"/>) and those the acknowledged POS tickets imply once
    /// the stores' days are closed, by each store's posting granularity in <paramref name="storeDays"/>.
    /// </summary>
    public IReadOnlyDictionary<string, int> ExpectedJournals(StoreDayOptions storeDays)
    {
        ArgumentNullException.ThrowIfNull(storeDays);
        var expected = new Dictionary<string, int>(ExpectedJournals(), StringComparer.Ordinal);
        foreach (var (journal, count) in Pos.ExpectedJournals(storeDays))
        {
            expected[journal] = expected.GetValueOrDefault(journal) + count;
        }

        return expected;
    }

    /// <summary><paramref name="result"/> with the duplicate postings counted in the sandbox ERP; days that did not
    /// close (<paramref name="closeFailures"/>) are named, their journals count as not posted.</summary>
    public static InvariantResult WithPostings(InvariantResult result, ErpPostingCount postings, IReadOnlyList<string> closeFailures) =>
        ErpPostingCheck.WithPostings(result, postings, "acknowledged shipments, returns and refunds, and the POS tickets of the closed store days", closeFailures);

    /// <summary>Plants an order acknowledgement the server never gave (tests: the checker must find it).</summary>
    internal void PlantAcknowledgedOrder(string channel, string channelOrderId)
    {
        var order = new OrderRecord($"{channel}:{channelOrderId}", Skus[0], 1, PosTraffic.UnitPrice(Skus[0]));
        order.Acknowledge("place");
        _orders.Add(order);
    }
}

/// <summary>An order the run placed and the operations acknowledged on it.</summary>
/// <param name="OrderId">Its id, <c>{channel}:{channelOrderId}</c>.</param>
/// <param name="Sku">Its one line's SKU.</param>
/// <param name="Quantity">Units.</param>
/// <param name="Amount">What was paid.</param>
internal sealed record OrderRecord(string OrderId, string Sku, int Quantity, decimal Amount)
{
    private readonly ConcurrentQueue<string> _acknowledged = new();

    /// <summary>Operations answered 2xx, in order.</summary>
    public IReadOnlyCollection<string> Acknowledged => [.. _acknowledged];

    /// <summary>The channel it was placed for: the part of <see cref="OrderId"/> before the colon.</summary>
    public string Channel => OrderId[..OrderId.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The store it was returned to, when returned in store.</summary>
    public string? ReturnStore { get; set; }

    /// <summary>Books an acknowledged operation.</summary>
    public void Acknowledge(string operation) => _acknowledged.Enqueue(operation);
}
