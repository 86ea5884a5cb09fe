using Npgsql;
using Orleans.Serialization;
using Parity.Providers.Storage;
using Parity.TestInfrastructure;

namespace Parity.Providers.Tests.Storage;

/// <summary>
/// What an Orleans client sees when the database behind Orleans' ADO.NET grain storage fails after the silo started:
/// with <c>AddStorageExceptionTranslation</c>, a serializable, retryable <see cref="StorageUnavailableException"/>;
/// without it (Orleans 10.4.2 as shipped), <see cref="CodecNotFoundException"/> for <c>Npgsql.PostgresException</c>.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class StorageExceptionTranslationTests(PostgresServerFixture postgres, StorageFailureCluster fixture)
    : IClassFixture<StorageFailureCluster>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsureStartedAsync(postgres);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Write_TableMissing_ReachesTheClientAsStorageUnavailable_AndSucceedsOnRetryOnceRepaired()
    {
        var grain = fixture.Cluster.Client.GetGrain<ITranslatedStateGrain>("write-" + Guid.NewGuid().ToString("N"));
        await grain.WriteAsync("before");

        StorageUnavailableException error;
        await using (await BreakTableAsync())
        {
            error = await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.WriteAsync("during"));
        }

        Assert.Equal(TranslatedStateGrain.StorageName, error.ProviderName);
        Assert.Equal("write", error.Operation);
        Assert.Equal("42P01", error.SqlState); // undefined_table
        Assert.Equal("Npgsql.PostgresException", error.ProviderErrorType);
        Assert.Contains("translatedstate", error.GrainId, StringComparison.OrdinalIgnoreCase);
        Assert.Null(error.InnerException);
        await grain.WriteAsync("after");
    }

    [Fact]
    public async Task Activation_StateReadFails_ReachesTheClientAsStorageUnavailable()
    {
        var grain = fixture.Cluster.Client.GetGrain<ITranslatedStateGrain>("read-" + Guid.NewGuid().ToString("N"));

        Exception? error;
        await using (await BreakTableAsync())
        {
            error = await Record.ExceptionAsync(() => grain.WriteAsync("never"));
        }

        var unavailable = Assert.IsType<StorageUnavailableException>(Flatten(error).OfType<StorageUnavailableException>().FirstOrDefault());
        Assert.Equal("read", unavailable.Operation);
        Assert.Equal("42P01", unavailable.SqlState);
    }

    [Fact]
    public async Task Write_DatabaseRefusingConnections_ReachesTheClientAsStorageUnavailable()
    {
        var grain = fixture.Cluster.Client.GetGrain<ITranslatedStateGrain>("refused-" + Guid.NewGuid().ToString("N"));
        await grain.WriteAsync("before");
        var database = new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database!;

        await AdminAsync(postgres.AdminConnectionString, $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS false");
        try
        {
            await AdminAsync(postgres.AdminConnectionString, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");
            var first = await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.WriteAsync("during"));
            var second = await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.WriteAsync("during"));
            Assert.All(new[] { first, second }, error => Assert.False(string.IsNullOrEmpty(error.SqlState)));
        }
        finally
        {
            await AdminAsync(postgres.AdminConnectionString, $"ALTER DATABASE \"{database}\" ALLOW_CONNECTIONS true");
        }

        await grain.WriteAsync("after");
    }

    [Fact]
    public async Task WithoutTranslation_TableMissing_ReachesTheClientAsCodecNotFound()
    {
        // Orleans 10.4.2 as shipped: the driver's exception cannot be serialized back to the caller. If this starts
        // failing, Orleans learned to carry it, and AddStorageExceptionTranslation may no longer be needed.
        var grain = fixture.Cluster.Client.GetGrain<IRawStateGrain>("raw-" + Guid.NewGuid().ToString("N"));
        await grain.WriteAsync("before");

        await using (await BreakTableAsync())
        {
            var error = await Assert.ThrowsAsync<CodecNotFoundException>(() => grain.WriteAsync("during"));
            Assert.Contains("Npgsql.PostgresException", error.Message, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception? error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>Renames Orleans' storage table away (queries fail with 42P01) until disposed.</summary>
    private async Task<IAsyncDisposable> BreakTableAsync()
    {
        await AdminAsync(fixture.ConnectionString, "ALTER TABLE orleansstorage RENAME TO orleansstorage_moved");
        return new Restore(() => AdminAsync(fixture.ConnectionString, "ALTER TABLE orleansstorage_moved RENAME TO orleansstorage"));
    }

    private static async Task AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}
