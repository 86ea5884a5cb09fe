namespace Parity.LoadTest.Hosting;

/// <summary>Where the in-process silo keeps its journals.</summary>
internal enum StoreKind
{
    /// <summary>Process memory (Parity's memory stores): the cost of Orleans, the grains and HTTP alone.</summary>
    Memory,

    /// <summary>SQLite in a temporary file (the single-node default).</summary>
    Sqlite,

    /// <summary>PostgreSQL with durable commits (a throwaway server, or the one named by --postgres).</summary>
    Postgres,
}
