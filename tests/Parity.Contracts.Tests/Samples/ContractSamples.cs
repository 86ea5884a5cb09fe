namespace Parity.Contracts.Tests.Samples;

/// <summary>
/// A representative value of every contract type: members non-default where the type allows it (enums not at their
/// first value, booleans true, nullable members set), polymorphic members holding derived values, collections with at
/// least two items. Each sample has a golden payload under <c>Golden/</c>.
/// </summary>
/// <remarks>A sample whose golden payload is committed is never edited: the payload records what it looked like. When a
/// type gains a member, the old sample keeps constructing it without the member and a new variant sets it. Values shared
/// between areas are properties, not static fields: the static initializers of partial declarations run in no defined
/// order.</remarks>
internal static partial class ContractSamples
{
    /// <summary>When things happened in the samples; an offset other than zero so it must survive the wire.</summary>
    internal static readonly DateTimeOffset At = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.FromHours(1));

    /// <summary>A later moment.</summary>
    internal static readonly DateTimeOffset Later = new(2026, 3, 16, 17, 5, 1, 250, TimeSpan.FromHours(-5));

    /// <summary>A business date.</summary>
    internal static readonly DateOnly Day = new(2026, 3, 14);

    private static readonly Lazy<IReadOnlyList<ContractSample>> Samples = new(Build);

    /// <summary>Every sample, in a stable order.</summary>
    public static IReadOnlyList<ContractSample> All => Samples.Value;

    /// <summary>The sample named <paramref name="name"/>.</summary>
    public static ContractSample Named(string name) => All.Single(s => s.Name == name);

    /// <summary>Every sample's name, as xunit member data.</summary>
    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var sample in All)
        {
            names.Add(sample.Name);
        }

        return names;
    }

    private static IReadOnlyList<ContractSample> Build()
    {
        var samples = new List<ContractSample>();
        samples.AddRange(Erp());
        samples.AddRange(Exceptions());
        samples.AddRange(Gateway());
        samples.AddRange(Inventory());
        samples.AddRange(Operations());
        samples.AddRange(Orders());
        samples.AddRange(Posting());
        samples.AddRange(Reconciliation());
        samples.AddRange(Settlements());
        samples.AddRange(StoreDays());
        var duplicate = samples.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? samples : throw new InvalidOperationException($"Two samples are named {duplicate.Key}.");
    }

    /// <summary><paramref name="exception"/> with an entry in its <see cref="Exception.Data"/>, which must cross the wire too.</summary>
    private static TException WithData<TException>(TException exception)
        where TException : Exception
    {
        exception.Data["correlationId"] = "corr-7f3a";
        exception.Data["attempt"] = 2;
        return exception;
    }
}
