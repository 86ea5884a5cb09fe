using System.Globalization;

namespace Parity.Runtime.Reminders;

/// <summary>Reminders in process memory, shared by the silos of a single-process cluster.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), ReminderEntry> _rows = [];
    private readonly Lock _lock = new();
    private long _etag;

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.DueAt <= dueBefore).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.GrainId == grainId).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var etag = NextETag();
            _rows[(entry.GrainId, entry.Name)] = entry with { ETag = etag };
            return Task.FromResult(etag);
        }
    }

    /// <inheritdoc />
    public Task<string?> TryUpdateDueAsync(GrainId grainId, string name, DateTimeOffset dueAt, string expectedETag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_rows.TryGetValue((grainId, name), out var row) || row.ETag != expectedETag)
            {
                return Task.FromResult<string?>(null);
            }

            var etag = NextETag();
            _rows[(grainId, name)] = row with { DueAt = dueAt, ETag = etag };
            return Task.FromResult<string?>(etag);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.Remove((grainId, name)));
        }
    }

    private string NextETag() => (++_etag).ToString(CultureInfo.InvariantCulture);
}
