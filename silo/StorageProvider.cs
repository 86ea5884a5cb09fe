namespace Parity.Silo;

/// <summary>Where a silo keeps grain state, journals and reminders, and so how it clusters (<c>Parity:Storage:Provider</c>).</summary>
internal enum StorageProvider
{
    /// <summary>One SQLite file under the data directory; one silo on localhost clustering. The default.</summary>
    Sqlite,

    /// <summary>PostgreSQL for everything, membership included: a cluster of any number of silos.</summary>
    Postgres,

    /// <summary>Process memory; nothing survives the process. For tests and demos.</summary>
    Memory,
}
