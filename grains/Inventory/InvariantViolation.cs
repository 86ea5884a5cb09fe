namespace Parity.Grains.Inventory;

/// <summary>One broken invariant of a position.</summary>
/// <param name="Rule">The rule, as worded in domain.md.</param>
/// <param name="Detail">The figures that break it.</param>
public sealed record InvariantViolation(string Rule, string Detail);
