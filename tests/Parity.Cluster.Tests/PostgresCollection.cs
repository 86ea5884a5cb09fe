using Parity.TestInfrastructure;

namespace Parity.Cluster.Tests;

/// <summary>One throwaway PostgreSQL server for every PostgreSQL test class of this assembly.</summary>
[CollectionDefinition(PostgresServerFixture.CollectionName)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>;
