using Parity.Contracts.Tests.Samples;

namespace Parity.Contracts.Tests.Golden;

/// <summary>
/// Payloads written by earlier builds still read as the same values: a changed <c>[Id]</c>, a changed member type, a
/// renamed alias or a member that lost its id shows up here as a payload that no longer reads back as its sample.
/// </summary>
public sealed class GoldenPayloadTests
{
    /// <summary>Every sample's name.</summary>
    public static TheoryData<string> Samples() => ContractSamples.Names();

    [Theory]
    [MemberData(nameof(Samples))]
    public void GoldenPayload_ReadsBackAsItsSample(string name)
    {
        var sample = ContractSamples.Named(name);
        var payload = GoldenPayloads.Read(name);
        if (payload is null)
        {
            Assert.True(
                GoldenPayloads.WriteMissing,
                $"No golden payload {GoldenPayloads.PathOf(name)}. Run the tests once with {GoldenPayloads.WriteVariable}=1 to write it, then commit it.");
            GoldenPayloads.WriteNew(name, ContractSerializer.Serialize(sample.Value));
            payload = GoldenPayloads.Read(name)!;
        }

        var value = ContractSerializer.Deserialize(payload);

        Assert.IsType(sample.Value.GetType(), value);
        Assert.Equal(ContractJson.Describe(sample.Value), ContractJson.Describe(value));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sample_RoundTripsThroughTheCurrentCodecs(string name)
    {
        var sample = ContractSamples.Named(name);

        var value = ContractSerializer.Deserialize(ContractSerializer.Serialize(sample.Value));

        Assert.IsType(sample.Value.GetType(), value);
        Assert.Equal(ContractJson.Describe(sample.Value), ContractJson.Describe(value));
    }

    [Fact]
    public void EveryGoldenPayload_HasItsSample()
    {
        // A payload stands for data that may exist somewhere: its sample (and so its check) must not be dropped.
        var names = ContractSamples.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(GoldenPayloads.Names(), n => !names.Contains(n));
    }
}
