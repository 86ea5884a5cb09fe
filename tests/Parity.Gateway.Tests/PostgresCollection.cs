using Parity.TestInfrastructure;

namespace Parity.Gateway.Tests;

// xunit finds collection definitions only in the test assembly itself.
[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;
