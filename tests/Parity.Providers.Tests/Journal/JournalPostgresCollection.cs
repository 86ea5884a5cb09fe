using Parity.TestInfrastructure;

namespace Parity.Providers.Tests.Journal;

/// <summary>One throwaway PostgreSQL server for the journal's PostgreSQL test classes.</summary>
[CollectionDefinition(Name)]
public sealed class JournalPostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    // Own name: the schema and reminder tests of this assembly may declare PostgresServerFixture.CollectionName.
    public const string Name = "Journal PostgreSQL";
}
