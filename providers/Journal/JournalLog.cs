using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>The journal's log messages (source-generated: no boxing or formatting unless the level is on).</summary>
internal static partial class JournalLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information,
        Message = "Append to the journal of {GrainId} lost to another activation at version {Version} ({Events} events refused); the activation deactivates")]
    public static partial void AppendConflict(ILogger logger, GrainId grainId, long version, int events);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Warning,
        Message = "Append to the journal of {GrainId} failed at version {Version} ({Events} events not durable); the activation deactivates")]
    public static partial void AppendFailed(ILogger logger, Exception exception, GrainId grainId, long version, int events);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Reading the journal of {GrainId} failed")]
    public static partial void ReadFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Snapshot of {GrainId} at version {Version} failed; the next activation replays more events")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, GrainId grainId, long version);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Error, Message = "The snapshot of {GrainId} at version {Version} cannot be read")]
    public static partial void SnapshotUnreadable(ILogger logger, Exception exception, GrainId grainId, long version);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Error, Message = "Event {Sequence} of the journal of {GrainId} cannot be read or applied")]
    public static partial void ReplayFoldFailed(ILogger logger, Exception exception, GrainId grainId, long sequence);

    [LoggerMessage(EventId = 7106, Level = LogLevel.Error,
        Message = "The confirmed state of {GrainId} could not apply its durable events up to version {Version}; the activation deactivates")]
    public static partial void ConfirmedFoldFailed(ILogger logger, Exception exception, GrainId grainId, long version);

    [LoggerMessage(EventId = 7107, Level = LogLevel.Error, Message = "The tentative state of {GrainId} could not be rebuilt")]
    public static partial void TentativeRebuildFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 7108, Level = LogLevel.Warning, Message = "OnTentativeStateChanged/OnStateChanged of {GrainId} threw")]
    public static partial void ViewChangedCallbackFailed(ILogger logger, Exception exception, GrainId grainId);
}
