using FsCheck;
using FsCheck.Fluent;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Tests.Inventory;

/// <summary>A random policy and a random sequence of operations against one position.</summary>
public sealed record InventoryScenario(PolicySpec Policy, IReadOnlyList<InventoryOp> Ops)
{
    public override string ToString() => $"{Policy}{Environment.NewLine}{string.Join(Environment.NewLine, Ops)}";
}

/// <summary>Channel c0..c3 with a tier, an optional cap (units, or tenths of OnHand) and a TTL in minutes.</summary>
public sealed record ChannelSpec(int Tier, int? CapUnits, int? CapTenths, int TtlMinutes);

/// <summary>A generated channel policy, turned into a <see cref="ChannelPolicy"/> with a given version.</summary>
public sealed record PolicySpec(int ProtectedTier, int SafetyStock, IReadOnlyList<ChannelSpec> Channels)
{
    public ChannelPolicy ToPolicy(long version) => new()
    {
        Version = version,
        ProtectedTier = ProtectedTier,
        SafetyStock = SafetyStock,
        DefaultCartTtl = TimeSpan.FromMinutes(10),
        Channels = Channels.Select((c, i) => (Id: $"c{i}", Rule: new ChannelRule(
                c.Tier,
                c.CapUnits is { } units ? ChannelCap.Units(units) : c.CapTenths is { } tenths ? ChannelCap.FractionOfSellable(tenths / 10m) : null,
                TimeSpan.FromMinutes(c.TtlMinutes))))
            .ToDictionary(c => c.Id, c => c.Rule),
    };

    public override string ToString() =>
        $"Policy(protected {ProtectedTier}, SafetyStock {SafetyStock}, {string.Join("; ", Channels)})";
}

/// <summary>One generated operation.</summary>
public abstract record InventoryOp;

/// <summary>Reserve; request numbers repeat so retries happen. Channel "c4" is not in any policy.</summary>
public sealed record ReserveOp(int RequestNo, int Channel, ReservationKind Kind, int[] Lines, bool ForeignLine) : InventoryOp
{
    public override string ToString() => $"Reserve(r{RequestNo}, c{Channel}, {Kind}, [{string.Join(",", Lines)}], foreign {ForeignLine})";
}

public sealed record ReleaseOp(int Pick) : InventoryOp;

public sealed record ShipOp(int Pick) : InventoryOp;

public sealed record TickOp(int Minutes) : InventoryOp;

public sealed record SaleOp(int Quantity) : InventoryOp;

public sealed record StoreReturnOp(int Quantity) : InventoryOp;

public sealed record AdjustOp(int Counted) : InventoryOp;

public sealed record ExpectIncomingOp(int PoNo, int Quantity) : InventoryOp;

public sealed record ReceiveOp(int? PoNo, int Quantity) : InventoryOp;

public sealed record DamageOp(int Quantity) : InventoryOp;

public sealed record MoveToQualityControlOp(int Quantity) : InventoryOp;

public sealed record ReleaseFromQualityControlOp(int Quantity, QualityControlOutcome Outcome) : InventoryOp;

public sealed record TransferOutOp(int Quantity) : InventoryOp;

public sealed record TransferInboundOp(int TransferNo, int Quantity) : InventoryOp;

public sealed record TransferInOp(int TransferNo, int Quantity) : InventoryOp;

public sealed record ReturnOp(int ReturnNo, int Quantity, ReturnDisposition Disposition) : InventoryOp;

public sealed record ProcessReturnOp(int ReturnNo, int Quantity, QualityControlOutcome Outcome) : InventoryOp;

public sealed record PolicyOp(PolicySpec Policy) : InventoryOp;

/// <summary>FsCheck generators for <see cref="InventoryScenario"/>.</summary>
public static class InventoryArbitraries
{
    public static Arbitrary<InventoryScenario> Scenario() => Arb.From(
        from policy in PolicyGen
        from ops in Gen.ListOf(OpGen)
        select new InventoryScenario(policy, ops.ToList()));

    private static Gen<int> Qty(int max) => Gen.Choose(1, max);

    private static readonly Gen<ChannelSpec> ChannelGen =
        from tier in Gen.Choose(0, 3)
        from capKind in Gen.Choose(0, 2)
        from units in Gen.Choose(0, 25)
        from tenths in Gen.Choose(0, 10)
        from ttl in Gen.Choose(1, 30)
        select new ChannelSpec(tier, capKind == 1 ? units : null, capKind == 2 ? tenths : null, ttl);

    private static readonly Gen<PolicySpec> PolicyGen =
        from protectedTier in Gen.Choose(0, 2)
        from safety in Gen.Choose(0, 8)
        from channels in Gen.ArrayOf(ChannelGen, 4)
        select new PolicySpec(protectedTier, safety, channels);

    private static readonly Gen<InventoryOp> ReserveGen =
        from request in Gen.Choose(0, 24)
        from channel in Gen.Choose(0, 4)
        from kind in Gen.Elements(ReservationKind.Cart, ReservationKind.Order)
        from lineCount in Gen.Choose(0, 3)
        from lines in Gen.ArrayOf(Qty(8), lineCount)
        from foreign in Gen.Elements(true, false)
        select (InventoryOp)new ReserveOp(request, channel, kind, lines, foreign);

    private static readonly Gen<InventoryOp> OpGen = Gen.Frequency(
        (10, ReserveGen),
        (3, Gen.Choose(0, 20).Select(p => (InventoryOp)new ReleaseOp(p))),
        (2, Gen.Choose(0, 20).Select(p => (InventoryOp)new ShipOp(p))),
        (3, Gen.Choose(1, 20).Select(m => (InventoryOp)new TickOp(m))),
        (3, Qty(12).Select(q => (InventoryOp)new SaleOp(q))),
        (1, Qty(4).Select(q => (InventoryOp)new StoreReturnOp(q))),
        (2, Gen.Choose(0, 40).Select(c => (InventoryOp)new AdjustOp(c))),
        (1, Gen.Choose(0, 2).Zip(Qty(20), (po, q) => (InventoryOp)new ExpectIncomingOp(po, q))),
        (4, Gen.Choose(-1, 2).Zip(Qty(20), (po, q) => (InventoryOp)new ReceiveOp(po < 0 ? null : po, q))),
        (2, Qty(6).Select(q => (InventoryOp)new DamageOp(q))),
        (1, Qty(6).Select(q => (InventoryOp)new MoveToQualityControlOp(q))),
        (1, Qty(6).Zip(Gen.Elements(QualityControlOutcome.Restocked, QualityControlOutcome.Damaged), (q, o) => (InventoryOp)new ReleaseFromQualityControlOp(q, o))),
        (1, Qty(8).Select(q => (InventoryOp)new TransferOutOp(q))),
        (1, Gen.Choose(0, 2).Zip(Qty(8), (t, q) => (InventoryOp)new TransferInboundOp(t, q))),
        (1, Gen.Choose(0, 2).Zip(Qty(8), (t, q) => (InventoryOp)new TransferInOp(t, q))),
        (1, from r in Gen.Choose(0, 2) from q in Qty(4) from d in Gen.Elements(Enum.GetValues<ReturnDisposition>()) select (InventoryOp)new ReturnOp(r, q, d)),
        (1, from r in Gen.Choose(0, 2) from q in Qty(4) from o in Gen.Elements(QualityControlOutcome.Restocked, QualityControlOutcome.Damaged) select (InventoryOp)new ProcessReturnOp(r, q, o)),
        (1, PolicyGen.Select(p => (InventoryOp)new PolicyOp(p))));
}
