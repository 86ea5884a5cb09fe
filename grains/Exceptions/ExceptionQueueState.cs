using Parity.GrainInterfaces.Exceptions;

namespace Parity.Grains.Exceptions;

/// <summary>The exceptions held, one per trace key, folded from <see cref="ExceptionRaised"/> events.
/// Public get/set members so that it round-trips through a JSON snapshot.</summary>
public sealed class ExceptionQueueState
{
    /// <summary>Exceptions in the order their trace key first appeared.</summary>
    public List<ExceptionRecord> Records { get; set; } = [];

    /// <summary>Whether every source event of <paramref name="report"/> is already recorded under its trace key.</summary>
    public bool IsKnown(ExceptionReport report)
    {
        var record = Records.Find(r => r.TraceKey == report.TraceKey);
        return record is not null && report.SourceEventIds.Count > 0 && report.SourceEventIds.All(record.SourceEventIds.Contains);
    }

    /// <summary>Folds one report: a new trace key opens an exception, a known one collapses into it.</summary>
    public void Apply(ExceptionRaised e)
    {
        var report = e.Report;
        var index = Records.FindIndex(r => r.TraceKey == report.TraceKey);
        if (index < 0)
        {
            Records.Add(new ExceptionRecord(
                report.Category, report.TraceKey, report.Message,
                report.CorrelationId is null ? [] : [report.CorrelationId],
                report.SourceEventIds.Distinct().ToList(), 1, e.RaisedAt, e.RaisedAt));
            return;
        }

        var held = Records[index];
        Records[index] = held with
        {
            Message = report.Message,
            CorrelationIds = report.CorrelationId is null || held.CorrelationIds.Contains(report.CorrelationId)
                ? held.CorrelationIds
                : [.. held.CorrelationIds, report.CorrelationId],
            SourceEventIds = held.SourceEventIds.Concat(report.SourceEventIds).Distinct().ToList(),
            Occurrences = held.Occurrences + 1,
            LastRaisedAt = e.RaisedAt,
        };
    }
}
