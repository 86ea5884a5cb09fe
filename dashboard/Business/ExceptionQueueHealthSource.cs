using Orleans;
using Parity.GrainInterfaces.Exceptions;

namespace Parity.Dashboard.Business;

/// <summary>The exception queue's open exceptions by category and by owning team (owners as domain.md assigns them).</summary>
internal sealed class ExceptionQueueHealthSource(IGrainFactory grains) : IBusinessHealthSource
{
    public string Name => "Exception queue";

    public async Task<IReadOnlyList<BusinessFigure>> ReadAsync(CancellationToken cancellationToken)
    {
        var open = await grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).GetAsync().WaitAsync(cancellationToken);
        var byCategory = open.GroupBy(e => e.Category).ToDictionary(g => g.Key.ToString(), g => (double)g.Count(), StringComparer.Ordinal);
        var byOwner = open.GroupBy(e => Owner(e.Category)).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        return
        [
            new BusinessFigure(BusinessFigureNames.ExceptionsByCategory, "Open exceptions by category", open.Count, "count", byCategory),
            new BusinessFigure(BusinessFigureNames.ExceptionsByOwner, "Open exceptions by owner", open.Count, "count", byOwner),
        ];
    }

    /// <summary>Who works an exception of <paramref name="category"/>.</summary>
    public static string Owner(ExceptionCategory category) => category switch
    {
        ExceptionCategory.UnknownSku or ExceptionCategory.PriceMismatch or ExceptionCategory.InsufficientStock => "e-commerce",
        ExceptionCategory.NegativeStock => "store ops",
        ExceptionCategory.OutOfSequence or ExceptionCategory.ErpUnavailable or ExceptionCategory.DuplicateSuspected => "IT",
        _ => "finance",
    };
}
