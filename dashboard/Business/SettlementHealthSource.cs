using Microsoft.Extensions.Options;
using Orleans;
using Parity.Dashboard.Hosting;
using Parity.GrainInterfaces.Reconciliation;

namespace Parity.Dashboard.Business;

/// <summary>
/// Today's (UTC) settlement match rate and median event-to-ERP latency over the configured channels
/// (<see cref="DashboardOptions.ReconciliationChannels"/>), from the reconciliation figures grains. Null (shown as
/// unknown) rather than zero when nothing was observed.
/// </summary>
public sealed class SettlementHealthSource(IGrainFactory grains, IOptions<DashboardOptions> options, TimeProvider time) : IBusinessHealthSource
{
    /// <inheritdoc />
    public string Name => "Settlements and posting latency";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BusinessFigure>> ReadAsync(CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var channels = options.Value.ReconciliationChannels;
        var summaries = await Task.WhenAll(channels.Select(c => grains.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For(c, day)).GetAsync()))
            .WaitAsync(cancellationToken);
        var matched = summaries.Sum(s => s.Count(FigureKind.SettlementLineMatched));
        var lines = matched + summaries.Sum(s => s.Count(FigureKind.SettlementLineUnmatched));
        var latencies = summaries.SelectMany(s => s.PostingLatenciesMilliseconds).Order().ToList();
        return
        [
            new BusinessFigure(BusinessFigureNames.SettlementMatchRate, "Settlement lines matched today", lines == 0 ? null : 100.0 * matched / lines, "percent"),
            new BusinessFigure(BusinessFigureNames.EventToErpLatency, "Event to ERP today (median)", latencies.Count == 0 ? null : latencies[latencies.Count / 2], "ms"),
        ];
    }
}
