using System.Globalization;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Items;
using Parity.Grains.Orders;
using Parity.Grains.Posting;
using Parity.Grains.Settlements;

namespace Parity.Erp.Tests.Posting;

/// <summary>
/// Generated order histories (seeded, so a failure reproduces from its seed and history number), folded as the order
/// grain folds them and posted through OrderFacts and the default rules, with the settlement of their capture and of
/// their refunds (in the capture's batch or a later one): lines shipped in one or two shipments from one or two
/// locations, units cancelled before shipping and their money refunded (before or after the cancellation, before or
/// after the shipments), units returned and refunded (at once or in two parts), goodwill refunds of goods kept (before
/// or after shipping). Once everything is settled and refunded, card clearing and refunds payable must be zero, every
/// journal must balance with nothing sent to rounding, revenue must carry what the customer kept paying, and hledger must
/// accept every journal (<c>check --strict</c>) and agree on the totals.
/// </summary>
public sealed class RefundJournalPropertyTests : IDisposable
{
    private const int Seed = 20261216;
    private const int Histories = 300;
    private const string Clearing = "1210";
    private const string RefundsPayable = "2300";
    private static readonly string[] Locations = ["DC-1", "STORE-2"];

    private readonly string _directory = Directory.CreateTempSubdirectory("parity-refund-props-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AnyHistoryOfShipmentsCancellationsReturnsAndRefunds_LeavesClearingAndRefundsPayableAtZero_OnceSettled()
    {
        var rules = PostingRulesOptions.CreateDefault();
        var posting = new PostingRules(rules);
        var exporter = new HledgerExporter(_directory, new PostingRuleBook(rules));
        var random = new Random(Seed);
        var total = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var mixes = new Dictionary<string, int>(StringComparer.Ordinal);
        var documents = 0;
        for (var number = 0; number < Histories; number++)
        {
            var history = new History(random, number);
            var books = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var fact in history.Run())
            {
                var built = posting.Build(fact);
                if (built is NothingToPost)
                {
                    continue;
                }

                Assert.False(built is JournalHeld, $"history {number}: {fact.FactId} is held: {(built as JournalHeld)?.Reason}");
                var journal = Assert.IsType<JournalBuilt>(built).Journal;
                Assert.True(journal.TotalDebit == journal.TotalCredit, $"history {number}: {fact.FactId} debits {journal.TotalDebit}, credits {journal.TotalCredit}");
                Assert.DoesNotContain(journal.Lines, l => l.Account == rules.RoundingAccount);
                foreach (var line in journal.Lines)
                {
                    var amount = line.Side == JournalSide.Debit ? line.Amount : -line.Amount;
                    books[line.Account] = books.GetValueOrDefault(line.Account) + amount;
                    total[line.Account] = total.GetValueOrDefault(line.Account) + amount;
                }

                Assert.True(exporter.Export(journal, $"doc-{documents++}"));
            }

            var story = string.Join(", ", history.Steps);
            Assert.True(books.GetValueOrDefault(Clearing) == 0, $"history {number} [{story}]: card clearing ends at {books.GetValueOrDefault(Clearing)}");
            Assert.True(books.GetValueOrDefault(RefundsPayable) == 0, $"history {number} [{story}]: refunds payable ends at {books.GetValueOrDefault(RefundsPayable)}");

            // What the customer kept paying is revenue, shipping and tax, net of discounts and allowances (credits).
            var income = books.Where(p => p.Key[0] is '2' or '4' && p.Key != RefundsPayable).Sum(p => p.Value);
            Assert.True(-income == history.Captured - history.RefundedTotal,
                $"history {number} [{story}]: revenue, tax and shipping carry {-income}, the customer paid {history.Captured - history.RefundedTotal}");
            foreach (var part in history.Mix)
            {
                mixes[part] = mixes.GetValueOrDefault(part) + 1;
            }
        }

        foreach (var part in History.Parts)
        {
            Assert.True(mixes.GetValueOrDefault(part) >= 20, $"only {mixes.GetValueOrDefault(part)} generated histories have {part}");
        }

        var file = exporter.PathOf("default", DateOnly.FromDateTime(Facts.Day.UtcDateTime));
        var check = await Hledger.RunAsync("-f", file, "check", "--strict");
        Assert.True(check.ExitCode == 0, $"hledger check failed: {check.Error}");
        var balances = await Hledger.BalancesAsync(file, "EUR");
        Assert.Equal(total.Where(p => p.Value != 0).ToDictionary(p => exporter.AccountName(p.Key), p => p.Value).OrderBy(p => p.Key),
            balances.OrderBy(p => p.Key));
        Assert.DoesNotContain(exporter.AccountName(Clearing), balances.Keys);
        Assert.DoesNotContain(exporter.AccountName(RefundsPayable), balances.Keys);
    }

    // One order's history. The refund amounts are computed here from the generated prices (per-unit prices, discounts and
    // taxes, so proration is exact), not by OrderFacts; the steps replay what the order grain does for each event.
    private sealed class History
    {
        public static readonly string[] Parts =
        [
            "cancelled-line", "refund-before-cancel", "refund-before-shipment", "refund-after-shipment", "whole-order-cancelled",
            "returned", "return-refunded-in-parts", "goodwill-before-shipment", "goodwill-after-shipment", "refund-in-later-batch", "two-locations",
        ];

        private static readonly OrderOptions Options = new();
        private static readonly ItemCostOptions Costs = new() { UnitCosts = { ["SKU-A"] = 3.5m, ["SKU-B"] = 12m } };

        private readonly Random _random;
        private readonly int _number;
        private readonly string _orderId;
        private readonly PlaceOrder _order;
        private readonly OrderState _state = new();
        private readonly List<(string Step, Action Act)> _plan = [];
        private readonly List<BusinessFact> _facts = [];
        private readonly List<(string Id, decimal Amount)> _refunds = [];
        private int _refundCount;

        public History(Random random, int number)
        {
            _random = random;
            _number = number;
            _orderId = $"web:R{number}";
            var lines = new List<OrderLine>();
            string[] skus = ["SKU-A", "SKU-B", "SKU-C"];
            for (var i = 0; i < random.Next(1, 4); i++)
            {
                var quantity = random.Next(1, 4);
                var unitDiscount = random.Next(3) == 0 ? random.Next(1, 300) / 100m : 0m;
                var unitPrice = unitDiscount + random.Next(100, 20_000) / 100m;
                var unitTax = random.Next(0, 2_000) / 100m;
                lines.Add(new OrderLine($"{i + 1}", skus[i], quantity, unitPrice, unitDiscount * quantity, unitTax * quantity, unitTax == 0 ? null : "VAT20"));
            }

            _order = new PlaceOrder($"placed-{number}", "web", $"R{number}", "EUR", Facts.Day, lines, ShippingCharge: random.Next(2) == 0 ? 0m : 4.95m);
            Captured = lines.Sum(l => l.UnitPrice * l.Quantity - l.Discount + l.Tax) + _order.ShippingCharge;
            Plan();
        }

        public decimal Captured { get; }

        public decimal RefundedTotal => _refunds.Sum(r => r.Amount);

        public List<string> Steps { get; } = [];

        public HashSet<string> Mix { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<BusinessFact> Run()
        {
            _state.Apply(new OrderPlaced(_order));
            _state.Apply(new PaymentAuthorized("auth", Captured, "card", "pi"));
            _state.Apply(new PaymentCaptured("capture", Captured, "card", "pi"));
            foreach (var (step, act) in _plan)
            {
                Steps.Add(step);
                act();
            }

            Settle();
            return _facts;
        }

        private static decimal UnitValue(OrderLine line) => line.UnitPrice - line.Discount / line.Quantity + line.Tax / line.Quantity;

        private void Plan()
        {
            // Each unit ships (and may come back) or is cancelled.
            var shipped = new List<(OrderLine Line, int Quantity)>();
            var cancelled = new List<(OrderLine Line, int Quantity)>();
            foreach (var line in _order.Lines)
            {
                var ship = _random.Next(4) == 0 ? 0 : _random.Next(1, line.Quantity + 1);
                if (ship > 0)
                {
                    shipped.Add((line, ship));
                }

                if (line.Quantity > ship)
                {
                    cancelled.Add((line, line.Quantity - ship));
                }
            }

            // One or two shipments, each from one or two locations.
            var shipments = new List<(string Step, Action Act)>();
            if (shipped.Count > 0)
            {
                var first = shipped.Select(s => (s.Line, Quantity: _random.Next(2) == 0 ? s.Quantity : _random.Next(0, s.Quantity + 1))).ToList();
                var second = shipped.Select((s, i) => (s.Line, Quantity: s.Quantity - first[i].Quantity)).ToList();
                foreach (var part in new[] { first, second }.Where(p => p.Sum(s => s.Quantity) > 0))
                {
                    // One location per shipment: the sale facts of one shipment event from two locations share their
                    // lineage, hence their journal key (reported separately; not what this test is about).
                    var location = Locations[_random.Next(Locations.Length)];
                    var items = part.Where(s => s.Quantity > 0).Select(s => new ShippedItem(s.Line.LineId, location, s.Quantity, $"r-{s.Line.LineId}")).ToList();
                    if (shipments.Count == 1 && location != Locations[0])
                    {
                        Mix.Add("two-locations");
                    }

                    var id = $"ship{shipments.Count + 1}";
                    shipments.Add((id, () => Ship(id, items)));
                }
            }

            _plan.AddRange(shipments);

            // The cancellation and its refund, anywhere after the payment (the refund possibly before the cancellation).
            if (cancelled.Count > 0)
            {
                Mix.Add("cancelled-line");
                var cancelAt = _random.Next(0, _plan.Count + 1);
                _plan.Insert(cancelAt, ("cancel", () => _state.Apply(new LinesCancelled("cancel", cancelled.Select(c => new LineQuantity(c.Line.LineId, c.Quantity)).ToList(), null))));
                var value = cancelled.Sum(c => UnitValue(c.Line) * c.Quantity) + (shipped.Count == 0 ? _order.ShippingCharge : 0m);
                if (shipped.Count == 0)
                {
                    Mix.Add("whole-order-cancelled");
                }

                _plan.Insert(_random.Next(0, _plan.Count + 1), ("refund-cancelled", () =>
                {
                    Mix.Add(_state.Lines.Sum(l => l.Cancelled) == 0 ? "refund-before-cancel" : "refund-after-cancel");
                    Mix.Add(_state.Lines.Sum(l => l.Shipped) < shipped.Sum(s => s.Quantity) ? "refund-before-shipment" : "refund-after-shipment");
                    Refund(value);
                }));
            }

            // A goodwill refund of some kept units, before or after they ship.
            if (shipped.Count > 0 && _random.Next(3) == 0)
            {
                var goodwill = Math.Min(_random.Next(1, 2_000) / 100m, UnitValue(shipped[0].Line));
                var line = shipped[0].Line;
                _plan.Insert(_random.Next(0, _plan.Count + 1), ("goodwill", () =>
                {
                    Mix.Add(_state.Line(line.LineId)!.Shipped == 0 ? "goodwill-before-shipment" : "goodwill-after-shipment");
                    Refund(goodwill);
                }));
                Returnable(shipped, shipped[0].Line, 1);
            }

            // Returns of shipped (and not goodwill-refunded) units after the shipments, each refunded at once or in two parts.
            foreach (var (line, quantity) in shipped.ToList())
            {
                if (quantity == 0 || _random.Next(3) != 0)
                {
                    continue;
                }

                Mix.Add("returned");
                var units = _random.Next(1, quantity + 1);
                var id = $"return-{line.LineId}";
                _plan.Add((id, () => Return(id, line, units)));
                var owed = UnitValue(line) * units;
                if (_random.Next(2) == 0 && owed >= 0.02m)
                {
                    Mix.Add("return-refunded-in-parts");
                    var part = Math.Round(owed / 2, 2);
                    _plan.Add(("refund-return-1", () => Refund(part)));
                    _plan.Add(("refund-return-2", () => Refund(owed - part)));
                }
                else
                {
                    _plan.Add(("refund-return", () => Refund(owed)));
                }
            }
        }

        // The goodwill-refunded unit is not returned (a customer keeps what a goodwill refund was for).
        private static void Returnable(List<(OrderLine Line, int Quantity)> shipped, OrderLine line, int kept)
        {
            var index = shipped.FindIndex(s => s.Line == line);
            shipped[index] = (line, shipped[index].Quantity - kept);
        }

        // As OrderGrain.ShipAsync: facts from the state before the shipment, the event keeps what they invoice.
        private void Ship(string eventId, IReadOnlyList<ShippedItem> items)
        {
            var @event = new LinesShipped(eventId, null, items);
            var facts = OrderFacts.Shipment(_orderId, _state, @event, !_state.ShippingPosted, Options, Costs, Lineage(eventId), Facts.Day);
            var (invoiced, allowance) = OrderFacts.Invoiced(facts);
            _state.Apply(@event with { Invoiced = invoiced, Allowance = allowance });
            _facts.AddRange(facts);
        }

        // As OrderGrain.RecordReturnAsync.
        private void Return(string eventId, OrderLine line, int units)
        {
            var items = new List<ReturnedItem> { new(line.LineId, units, ReturnDisposition.Restock) };
            var @event = new ReturnRecorded(eventId, "DC-1", null, items, OrderFacts.ReturnOwed(_order, items.Select(i => (i.LineId, i.Quantity))));
            _state.Apply(@event);
            _facts.Add(OrderFacts.Return(_orderId, _state, @event, Options, Costs, Lineage(eventId), Facts.Day));
        }

        // As OrderGrain.Refund.
        private void Refund(decimal amount)
        {
            var eventId = $"refund{++_refundCount}";
            Assert.True(amount <= Captured - _state.Refunded, $"history {_number}: refunding {amount} exceeds what is left ({Captured - _state.Refunded})");
            var (forReturns, unshipped, allowance) = OrderFacts.SplitRefund(_state, amount);
            var @event = new RefundRecorded(eventId, amount, "card", null, forReturns, unshipped, allowance);
            _state.Apply(@event);
            _refunds.Add((eventId, amount));
            if (OrderFacts.Refund(_orderId, _state, @event, _state.LastShipLocation ?? "DC-1", Options, Lineage(eventId), Facts.Day) is { } fact)
            {
                _facts.Add(fact);
            }
        }

        // The provider settles the capture (less a commission) in one batch and carries each refund in it or in a later one.
        private void Settle()
        {
            var first = new List<SettlementLine>();
            var later = new List<SettlementLine>();
            var commission = Math.Round(Captured * 0.015m, 2);
            first.Add(new SettlementLine(2, "pay", SettlementLineKind.Payment, _orderId, Captured, [new SettlementFee(SettlementFeeTypes.Commission, commission)], Captured - commission, null, null));
            foreach (var (id, amount) in _refunds)
            {
                var batch = _random.Next(2) == 0 ? first : later;
                if (batch == later)
                {
                    Mix.Add("refund-in-later-batch");
                }

                batch.Add(new SettlementLine(batch.Count + 2, id, SettlementLineKind.Refund, _orderId, -amount, [], -amount, null, null));
            }

            foreach (var (lines, name) in new[] { (first, "1"), (later, "2") }.Where(b => b.Item1.Count > 0))
            {
                var resolutions = lines.ToDictionary(l => l.LineId,
                    l => l.Kind == SettlementLineKind.Payment ? new LineResolution(l.LineId, _orderId, "pi", Captured) : new LineResolution(l.LineId, _orderId, null, null),
                    StringComparer.Ordinal);
                var batchId = $"{_number.ToString("D4", CultureInfo.InvariantCulture)}-{name}";
                var file = new SettlementFile(SettlementProviders.Stripe, batchId, "EUR", lines, null, Facts.Day, $"hash-{batchId}");
                var reconciliation = SettlementReconciler.Reconcile(file, resolutions, 0.01m);
                _facts.Add(new BusinessFact($"settlement:stripe:{batchId}", BusinessFactKind.SettlementReceived, "default", "web", "online", "EUR", Facts.Day,
                    SettlementReconciler.FactAmounts(SettlementProviders.Stripe, reconciliation), new FactLineage($"corr-{batchId}", "stripe", [batchId])));
            }
        }

        private FactLineage Lineage(string eventId) => new($"corr-{_number}", "props", [$"{_orderId}:{eventId}"]);
    }
}
