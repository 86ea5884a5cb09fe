using Parity.GrainInterfaces.Posting;

namespace Parity.Grains.Items;

/// <summary>
/// Items' unit costs (domain.md: an item's unit cost, for COGS), bound from <c>Parity:Items</c>. One table for every
/// channel that moves goods: an order's shipment and a POS sale post COGS against inventory at this cost, and a
/// return that comes back into stock reverses it.
/// </summary>
public sealed class ItemCostOptions
{
    /// <summary>The configuration section the silo binds.</summary>
    public const string SectionName = "Parity:Items";

    /// <summary>Unit cost per SKU, in the currency of the orders and store days that sell it; at least 0. A SKU
    /// without a cost posts no COGS: its inventory stays valued by the ERP alone. <value>Empty by default.</value></summary>
    public Dictionary<string, decimal> UnitCosts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The costs of those of <paramref name="skus"/> that have one (what a store day fixes with a batch).</summary>
    public IReadOnlyDictionary<string, decimal> CostsOf(IEnumerable<string> skus)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var costs = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var sku in skus)
        {
            if (UnitCosts.TryGetValue(sku, out var cost))
            {
                costs[sku] = cost;
            }
        }

        return costs;
    }

    /// <summary>
    /// COGS per SKU (qualifier: SKU) of <paramref name="items"/> at <paramref name="unitCosts"/>: unit cost × units,
    /// rounded to the cent half away from zero, in SKU order. SKUs without a cost, and zero costs, are left out.
    /// </summary>
    public static IReadOnlyList<FactAmount> Cogs(IEnumerable<(string Sku, int Quantity)> items, IReadOnlyDictionary<string, decimal> unitCosts)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(unitCosts);
        return items
            .GroupBy(i => i.Sku, StringComparer.Ordinal)
            .Where(g => unitCosts.ContainsKey(g.Key))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FactAmount(FactAmountTypes.Cogs,
                Math.Round(unitCosts[g.Key] * g.Sum(i => i.Quantity), 2, MidpointRounding.AwayFromZero), g.Key))
            .Where(a => a.Amount != 0)
            .ToList();
    }

    /// <summary>Why the options cannot work, if they cannot.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (sku, cost) in UnitCosts)
        {
            if (string.IsNullOrWhiteSpace(sku))
            {
                yield return $"{SectionName}:UnitCosts has an entry without a SKU.";
            }
            else if (cost < 0)
            {
                yield return $"{SectionName}:UnitCosts:{sku} is {cost}; a unit cost must not be negative.";
            }
        }
    }
}
