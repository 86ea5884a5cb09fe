using Parity.Providers.Journal;
using Parity.TestInfrastructure;

namespace Parity.Providers.Tests.Journal.Storage;

[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresJournalStorageContractTests(PostgresServerFixture postgres) : AdoNetJournalStorageContractTests
{
    protected override ParityJournalStorage Storage => ParityJournalStorage.PostgreSql;

    protected override Task<string> CreateDatabaseAsync() => postgres.CreateDatabaseAsync("journal");
}
