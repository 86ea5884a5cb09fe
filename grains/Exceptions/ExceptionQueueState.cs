using Parity.GrainInterfaces.Exceptions;

namespace Parity.Grains.Exceptions;

/// <summary>The exceptions held, one per trace key, folded from <see cref="ExceptionQueueEvent"/>s.
/// Public get/set members so that it round-trips through a JSON snapshot.</summary>
public sealed class ExceptionQueueState
{
    /// <summary>Exceptions in the order their trace key first appeared.</summary>
    public List<ExceptionRecord> Records { get; set; } = [];

    /// <summary>Whether every source event of <paramref name="report"/> is already recorded under its trace key.</summary>
    public bool IsKnown(ExceptionReport report)
    {
        var record = Find(report.TraceKey);
        return record is not null && report.SourceEventIds.Count > 0 && report.SourceEventIds.All(record.SourceEventIds.Contains);
    }

    /// <summary>The exception of a trace key, or null.</summary>
    public ExceptionRecord? Find(string traceKey) => Records.Find(r => r.TraceKey == traceKey);

    /// <summary>Folds one event.</summary>
    public void Apply(ExceptionQueueEvent e)
    {
        switch (e)
        {
            case ExceptionRaised raised:
                Apply(raised);
                break;
            case ExceptionStatusChanged changed:
                var index = Records.FindIndex(r => r.TraceKey == changed.TraceKey);
                var held = Records[index];
                Records[index] = held with
                {
                    Status = changed.Status,
                    ResolvedAt = changed.Status == ExceptionStatus.Resolved ? changed.At : null,
                    Resolution = changed.Status == ExceptionStatus.Resolved ? changed.Note : held.Resolution,
                    Attempts = changed.Attempt ? held.Attempts + 1 : held.Attempts,
                    LastAttempt = changed.Attempt ? changed.Note : held.LastAttempt,
                };
                break;
        }
    }

    // A new trace key opens an exception; a known one collapses into it (and a resolved one reopens: the cause is back).
    private void Apply(ExceptionRaised e)
    {
        var report = e.Report;
        var index = Records.FindIndex(r => r.TraceKey == report.TraceKey);
        if (index < 0)
        {
            Records.Add(new ExceptionRecord(
                report.Category, report.TraceKey, report.Message,
                report.CorrelationId is null ? [] : [report.CorrelationId],
                report.SourceEventIds.Distinct().ToList(), 1, e.RaisedAt, e.RaisedAt,
                ExceptionOwners.For(report.Category), ExceptionStatus.Open, report.Source, report.Channel, TransactionType: report.TransactionType));
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
            Status = held.Status == ExceptionStatus.Resolved ? ExceptionStatus.Open : held.Status,
            ResolvedAt = held.Status == ExceptionStatus.Resolved ? null : held.ResolvedAt,
            Source = held.Source ?? report.Source,
            Channel = held.Channel ?? report.Channel,
            TransactionType = held.TransactionType ?? report.TransactionType,
        };
    }
}
