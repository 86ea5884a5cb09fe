using Parity.GrainInterfaces.Operations;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    private static IEnumerable<ContractSample> Operations()
    {
        yield return ContractSample.Of(new CallLatencyReport("silo-a", ["silo-b", "silo-c"], 1200, 2.5, 0.8, 3.125));
        yield return ContractSample.Of(new ProbeLedgerSummary(42, "probe-42", "silo-a"));
        yield return ContractSample.Of(new ProbeReceipt("probe-42", 42, true, "silo-a"));
    }
}
