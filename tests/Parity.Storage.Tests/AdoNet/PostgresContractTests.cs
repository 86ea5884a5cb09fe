using Parity.Runtime.Storage.AdoNet;
using Parity.TestInfrastructure;

namespace Parity.Storage.Tests.AdoNet;

[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresContractTests(PostgresServerFixture postgres) : AdoNetContractTests
{
    protected override AdoNetProvider Provider => AdoNetProvider.PostgreSql;

    protected override Task<string> CreateConnectionStringAsync() => postgres.CreateDatabaseAsync("contract");
}
