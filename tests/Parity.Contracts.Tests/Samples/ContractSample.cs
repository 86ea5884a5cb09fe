using System.Reflection;

namespace Parity.Contracts.Tests.Samples;

/// <summary>A representative value of one contract type and the name of its golden payload.</summary>
/// <param name="Name">The golden payload's name: the type's alias, or <c>alias@variant</c> for a further sample of the same
/// type (another shape of it, or the type after it gained members).</param>
/// <param name="Value">The value; every member non-default where the type allows it.</param>
internal sealed record ContractSample(string Name, object Value)
{
    /// <summary>A sample named after the alias of <paramref name="value"/>'s type.</summary>
    /// <param name="value">The value.</param>
    /// <param name="variant">Names a further sample of the same type; null for the first.</param>
    public static ContractSample Of(object value, string? variant = null)
    {
        var alias = value.GetType().GetCustomAttribute<Orleans.AliasAttribute>(inherit: false)?.Alias
            ?? throw new InvalidOperationException($"{value.GetType()} has no [Alias].");
        return new ContractSample(variant is null ? alias : $"{alias}@{variant}", value);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
