using Parity.TestInfrastructure;

namespace Parity.Grains.Tests;

/// <summary>xunit finds collection definitions only in the test assembly: one PostgreSQL server for every test class that names it.</summary>
[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;
