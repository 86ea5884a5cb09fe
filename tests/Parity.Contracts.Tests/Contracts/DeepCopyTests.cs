using Parity.Contracts.Tests.Samples;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.StoreDays;

namespace Parity.Contracts.Tests.Contracts;

/// <summary>
/// Orleans deep-copies the arguments and results of calls between grains of one silo: every contract needs a copier,
/// and a copy must not share mutable state with its original.
/// </summary>
public sealed class DeepCopyTests
{
    /// <summary>Every sample's name.</summary>
    public static TheoryData<string> Samples() => ContractSamples.Names();

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_DeepCopiesToAnEqualValue(string name)
    {
        var sample = ContractSamples.Named(name);

        var copy = ContractSerializer.Copier.Copy<object>(sample.Value);

        Assert.IsType(sample.Value.GetType(), copy);
        Assert.Equal(ContractJson.Describe(sample.Value), ContractJson.Describe(copy));
    }

    [Fact]
    public void Copy_OfAJournal_SharesNoList()
    {
        var journal = ContractSamples.Journal;

        var copy = ContractSerializer.Copier.Copy(journal);

        Assert.NotSame(journal, copy);
        Assert.NotSame(journal.Lines, copy.Lines);
        Assert.NotSame(journal.Lines[0], copy.Lines[0]);
        Assert.Equal(journal.Lines.Count, copy.Lines.Count);
    }

    [Fact]
    public void Copy_OfStoreDayTotals_KeepsItsInitOnlyMembers()
    {
        // The sample with every init-only member set: tax per code and refunds paid for other channels' orders.
        var totals = (StoreDayTotals)ContractSamples.All.Single(s => s.Name == "parity.storedays.StoreDayTotals@boris").Value;
        Assert.NotEmpty(totals.TaxByCode);

        var copy = ContractSerializer.Copier.Copy(totals);

        Assert.NotSame(totals.Cogs, copy.Cogs);
        Assert.Equal((totals.GiftCardsSold, totals.OrderRefunds), (copy.GiftCardsSold, copy.OrderRefunds));
        Assert.Equal(totals.Cogs.OrderBy(c => c.Key), copy.Cogs.OrderBy(c => c.Key));
        Assert.Equal(totals.TaxByCode.OrderBy(c => c.Key), copy.TaxByCode.OrderBy(c => c.Key));
    }
}
