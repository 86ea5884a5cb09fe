namespace Parity.Providers.Schema;

/// <summary>The database a schema migration targets; it picks the scripts (<c>deploy/sql/orleans/PostgreSQL-*</c> or <c>Sqlite-*</c>, <c>deploy/sql/parity/postgresql-*</c> or <c>sqlite-*</c>).</summary>
public enum SchemaDialect
{
    /// <summary>PostgreSQL through Npgsql: the cluster store (membership, grain state, reminders, journal).</summary>
    PostgreSql,

    /// <summary>SQLite through Microsoft.Data.Sqlite: the embedded single-node store.</summary>
    Sqlite,
}
