using Microsoft.Extensions.Options;
using Orleans;
using Parity.Dashboard.Hosting;
using Parity.GrainInterfaces.Erp;

namespace Parity.Dashboard.Business;

/// <summary>
/// The ERP posting queues of the configured legal entities (<see cref="DashboardOptions.ErpLegalEntities"/>): queued,
/// being retried (queued while the last sends failed), and rejected (held for the console: posting never gives a
/// journal up, so its rejections are the dead letters). One cheap status call per entity; the reader caches.
/// </summary>
public sealed class ErpPostingHealthSource(IGrainFactory grains, IOptions<DashboardOptions> options) : IBusinessHealthSource
{
    /// <inheritdoc />
    public string Name => "ERP posting";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BusinessFigure>> ReadAsync(CancellationToken cancellationToken)
    {
        var entities = options.Value.ErpLegalEntities;
        var statuses = await Task.WhenAll(entities.Select(e => grains.GetGrain<IErpPostingGrain>(e).GetStatusAsync())).WaitAsync(cancellationToken);
        Dictionary<string, double> By(Func<ErpPostingStatus, int> figure) =>
            entities.Zip(statuses).ToDictionary(p => p.First, p => (double)figure(p.Second), StringComparer.Ordinal);
        static int Retrying(ErpPostingStatus s) => s.ConsecutiveFailures > 0 || s.CircuitOpen ? s.Queued : 0;
        return
        [
            new BusinessFigure(BusinessFigureNames.ErpPostingQueue, "Journals queued for the ERP", statuses.Sum(s => s.Queued), "count", By(s => s.Queued)),
            new BusinessFigure(BusinessFigureNames.ErpPostingRetries, "Journals waiting for a retry", statuses.Sum(Retrying), "count", By(Retrying)),
            new BusinessFigure(BusinessFigureNames.ErpDeadLetters, "Journals rejected by the ERP", statuses.Sum(s => s.Rejected), "count", By(s => s.Rejected)),
        ];
    }
}
