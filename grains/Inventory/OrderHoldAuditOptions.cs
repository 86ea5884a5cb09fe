namespace Parity.Grains.Inventory;

/// <summary>
/// The audit of holds nobody owns (configuration section <c>Parity:OrderHoldAudit</c> in the silo). A position holding
/// Order-kind reservations made under an order's request ids asks, every <see cref="Period"/>, each order whose hold is
/// older than <see cref="GracePeriod"/> whether it counts that hold as an allocation; a hold its order does not know
/// (left by a placement that crashed before the order recorded it) is raised as an InsufficientStock exception and released.
/// </summary>
public sealed class OrderHoldAuditOptions
{
    /// <summary>The configuration section the silo binds.</summary>
    public const string SectionName = "Parity:OrderHoldAudit";

    /// <summary>How often a position with Order-kind holds audits them (while it is active).
    /// <value>The default value is 1 minute.</value></summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How old a hold must be before its order is asked about it: a placement in flight has reserved and not
    /// yet recorded its allocation, and its retry adopts the hold. <value>The default value is 5 minutes.</value></summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether positions audit their Order-kind holds at all. <value>The default value is true.</value></summary>
    public bool Enabled { get; set; } = true;
}
