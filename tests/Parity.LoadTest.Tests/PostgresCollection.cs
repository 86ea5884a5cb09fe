using Parity.TestInfrastructure;

namespace Parity.LoadTest.Tests;

[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;
