using Parity.GrainInterfaces.Exceptions;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    internal static ExceptionSourceRef Source => new("settlement-batch", "stripe:po_1");

    private static IEnumerable<ContractSample> Exceptions()
    {
        yield return ContractSample.Of(Source);
        yield return ContractSample.Of(new ExceptionReport(
            ExceptionCategory.UnmatchedSettlementLine, "settlement:stripe:po_1:txn_2", "Line txn_2 matches no order.", "corr-1",
            ["evt-1", "evt-2"], Source, "web"));
        yield return ContractSample.Of(new ExceptionRecord(
            ExceptionCategory.UnmatchedSettlementLine,
            "settlement:stripe:po_1:txn_2",
            "Line txn_2 matches no order.",
            ["corr-1", "corr-2"],
            ["evt-1", "evt-2"],
            2,
            At,
            Later,
            ExceptionOwner.StoreOps,
            ExceptionStatus.Retrying,
            Source,
            "web",
            Later.AddHours(1),
            "matched by hand",
            3,
            "still unmatched"));
        yield return ContractSample.Of(new ExceptionReport(
            ExceptionCategory.InsufficientStock, "Preempted/cart-1/res-1", "Reservation res-1 of cart-1 was taken back.", null,
            ["res-1"], null, "web", TransactionTypes.Reservation), "transaction-type");
        yield return ContractSample.Of(new ExceptionRecord(
            ExceptionCategory.InsufficientStock, "Preempted/cart-1/res-1", "Reservation res-1 of cart-1 was taken back.", [], ["res-1"], 1,
            At, At, ExceptionOwner.ECommerce, ExceptionStatus.Open, null, "web", TransactionType: TransactionTypes.Reservation), "transaction-type");
        yield return ContractSample.Of(new ExceptionRetryOutcome(true, "Matched to web:1001."));
        yield return ContractSample.Of(ExceptionCategory.UnmatchedSettlementLine);
        yield return ContractSample.Of(ExceptionOwner.StoreOps);
        yield return ContractSample.Of(ExceptionStatus.Retrying);
        yield return ContractSample.Of(WithData(new ExceptionNotFoundException("No exception has trace key 'x'.")));
    }
}
