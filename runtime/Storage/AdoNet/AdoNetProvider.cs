namespace Parity.Runtime.Storage.AdoNet;

/// <summary>The database behind the ADO.NET provider family.</summary>
public enum AdoNetProvider
{
    /// <summary>PostgreSQL through Npgsql: the store for clusters.</summary>
    PostgreSql = 1,

    /// <summary>SQLite through Microsoft.Data.Sqlite: the embedded single-node store.</summary>
    Sqlite = 2,
}
