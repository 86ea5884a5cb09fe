using Parity.GrainInterfaces.Reconciliation;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    private static IEnumerable<ContractSample> Reconciliation()
    {
        ExceptionRate[] rates = [new("order", 2, 40, 0.05), new("settlement-line", 1, 12, 1.0 / 12)];
        ProvisionalReceivable[] receivables = [new("stripe", "1-3d", "EUR", 4, 159.96m), new("adyen", "14d+", "USD", 1, 12.50m)];
        var latency = new LatencyFigures(120.5, 900.25, 40);
        var resolution = new ResolutionFigures(5, 3, 42.5, 180.0);

        yield return ContractSample.Of(new FigureObservation("obs-1", FigureKind.JournalPosted, 812.5, true, 3));
        yield return ContractSample.Of(new FigureSummary(
            new Dictionary<FigureKind, int> { [FigureKind.JournalPosted] = 3, [FigureKind.OrderPlaced] = 10 }, [120.5, 812.0], 2));
        yield return ContractSample.Of(rates[0]);
        yield return ContractSample.Of(latency);
        yield return ContractSample.Of(resolution);
        yield return ContractSample.Of(receivables[0]);
        yield return ContractSample.Of(new ReconciliationFigures(
            "web", Day, 40, 38, 36, 30, 0.95, rates, latency, 0.01, resolution, 0.97, receivables,
            new Dictionary<string, string> { ["settled"] = "no settlement file yet", ["duplicateRate"] = "posting is paused" }));
        yield return ContractSample.Of(FigureKind.StoreTicketsRecorded);
    }
}
