namespace Parity.Providers.Journal;

/// <summary>Where the Parity journal keeps its events and snapshots.</summary>
public enum ParityJournalStorage
{
    /// <summary>PostgreSQL through Npgsql: the store for clusters.</summary>
    PostgreSql = 1,

    /// <summary>SQLite through Microsoft.Data.Sqlite: the embedded single-node store.</summary>
    Sqlite = 2,

    /// <summary>Process memory: for tests and benchmarks; nothing survives the silo.</summary>
    Memory = 3,
}
