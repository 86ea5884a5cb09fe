using Microsoft.Extensions.Logging;

namespace Parity.Providers.Reminders;

internal static partial class SqliteReminderLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SQLite reminder table ready: {DataSource}, journal mode {JournalMode}, busy timeout {BusyTimeoutMilliseconds} ms, service {ServiceId}")]
    public static partial void Ready(ILogger logger, string dataSource, string journalMode, long busyTimeoutMilliseconds, string serviceId);
}
