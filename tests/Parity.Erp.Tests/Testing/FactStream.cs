using Parity.GrainInterfaces.Posting;

namespace Parity.Erp.Tests.Testing;

/// <summary>Submits a stream of shipped sales to a legal entity's intake, as order grains would.</summary>
internal static class FactStream
{
    public static async Task<IReadOnlyList<PostingReceipt>> SubmitAsync(IGrainFactory grains, string legalEntity, int from, int count, int parallel = 10)
    {
        var intake = grains.GetGrain<IPostingIntakeGrain>(legalEntity);
        var receipts = new List<PostingReceipt>(count);
        for (var i = from; i < from + count; i += parallel)
        {
            var batch = Enumerable.Range(i, Math.Min(parallel, from + count - i))
                .Select(n => intake.SubmitAsync(Facts.SaleShipped(legalEntity, $"ship-{legalEntity}-{n}")));
            receipts.AddRange(await Task.WhenAll(batch));
        }

        return receipts;
    }
}
