using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parity.Providers.Journal.AdoNet;

namespace Parity.Providers.Journal;

/// <summary>
/// Creates the silo's journal storage from <see cref="ParityJournalOptions"/> on first use and closes it when the
/// silo's container is disposed (after the grains deactivated), also when a fault-injecting wrapper hides it.
/// </summary>
internal sealed class JournalStorageOwner : IAsyncDisposable, IDisposable
{
    private readonly Lazy<IJournalStorage> _storage;
    private IAsyncDisposable? _owned;

    public JournalStorageOwner(IOptions<ParityJournalOptions> options, IServiceProvider services)
    {
        _storage = new Lazy<IJournalStorage>(() => Create(options.Value, services.GetService<IMeterFactory>()));
    }

    /// <summary>The storage the journal uses (the fault-injecting wrapper when <see cref="ParityJournalOptions.InjectFaults"/> is on).</summary>
    public IJournalStorage Storage => _storage.Value;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _owned, null) is { } owned)
        {
            await owned.DisposeAsync().ConfigureAwait(false);
        }
    }

    // A container disposed synchronously (a host's Dispose rather than DisposeAsync) must still drain the writer.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private IJournalStorage Create(ParityJournalOptions options, IMeterFactory? meterFactory)
    {
        IJournalStorage storage;
        if (options.Storage == ParityJournalStorage.Memory)
        {
            storage = new MemoryJournalStorage();
        }
        else
        {
            var adoNet = new AdoNetJournalStorage(
                options.Storage, options.ConnectionString, options.CoalesceAppends, options.MaxBatchSize, options.SqliteBusyTimeout, meterFactory);
            _owned = adoNet;
            storage = adoNet;
        }

        // The injected latency waits on the real clock: a faked journal clock must not stall appends.
        return options.InjectFaults ? new FaultInjectingJournalStorage(storage, TimeProvider.System) : storage;
    }
}
