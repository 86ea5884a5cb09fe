namespace Parity.Runtime.Membership;

/// <summary>A membership table in process memory, shared by the silos of a single-process cluster.
/// Raises <see cref="Changed"/> on every versioned write so views settle at once.</summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Dictionary<SiloAddress, MembershipEntry> _rows = [];
    private readonly Lock _lock = new();
    private long _version;

    /// <summary>Raised after a write that bumped the version.</summary>
    public event Action? Changed;

    /// <inheritdoc />
    public Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(new MembershipTableSnapshot(_rows.Values.ToArray(), _version));
        }
    }

    /// <inheritdoc />
    public Task<bool> TryWriteAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _rows[entry.Silo] = entry;
            _version++;
        }

        Changed?.Invoke();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_rows.TryGetValue(silo, out var row))
            {
                _rows[silo] = row with { IAmAliveTime = at };
            }
        }

        return Task.CompletedTask;
    }
}
