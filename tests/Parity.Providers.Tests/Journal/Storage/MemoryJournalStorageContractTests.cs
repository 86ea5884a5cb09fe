using Parity.Providers.Journal;

namespace Parity.Providers.Tests.Journal.Storage;

public sealed class MemoryJournalStorageContractTests : JournalStorageContractTests
{
    private readonly MemoryJournalStorage _shared = new();

    // Two "silos" on one memory journal share the instance, as two silos share one database.
    protected override Task<IJournalStorage> CreateStorageAsync(bool coalesce = true, int maxBatchSize = 256)
        => Task.FromResult<IJournalStorage>(_shared);
}
