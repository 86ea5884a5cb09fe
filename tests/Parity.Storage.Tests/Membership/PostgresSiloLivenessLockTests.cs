using System.Diagnostics;
using Npgsql;
using Parity.Runtime.Membership;
using Parity.Runtime.Membership.AdoNet;
using Parity.TestInfrastructure;

namespace Parity.Storage.Tests.Membership;

[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresSiloLivenessLockTests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private static readonly SiloAddress Silo = new("10.0.0.5", 11111, 42);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await postgres.CreateDatabaseAsync("liveness");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Acquire_IsSeenHeldByOthers_AndReleaseFreesIt()
    {
        await using var holder = new PostgresSiloLivenessLock(_connectionString);
        Assert.False(await PostgresSiloLivenessLock.IsHeldAsync(_connectionString, Silo));

        await holder.AcquireAsync(Silo);

        Assert.Equal(Silo, holder.Silo);
        Assert.True(await PostgresSiloLivenessLock.IsHeldAsync(_connectionString, Silo));
        Assert.True(await PostgresSiloLivenessLock.IsHeldAsync(_connectionString, Silo)); // probing leaves no lock behind
        Assert.False(await PostgresSiloLivenessLock.IsHeldAsync(_connectionString, Silo with { Generation = 43 }));

        await holder.ReleaseAsync();

        Assert.Null(holder.Silo);
        Assert.False(await holder.IsHeldAsync(Silo));
    }

    [Fact]
    public async Task HolderSessionKilled_LockIsNotHeldAnyMore()
    {
        await using var holder = new PostgresSiloLivenessLock(_connectionString);
        await holder.AcquireAsync(Silo);
        var backend = holder.BackendProcessId!.Value;

        // What kill -9 of the silo does to its session: the backend goes away without a goodbye.
        await using (var admin = new NpgsqlConnection(_connectionString))
        {
            await admin.OpenAsync();
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid, 5000)", admin);
            terminate.Parameters.AddWithValue("pid", backend);
            Assert.Equal(true, await terminate.ExecuteScalarAsync());
        }

        // pg_terminate_backend with a timeout waits for the backend to exit, so the lock is gone now.
        Assert.False(await PostgresSiloLivenessLock.IsHeldAsync(_connectionString, Silo));
    }

    [Fact]
    public async Task HolderConnectionClosedWithoutUnlock_LockIsNotHeldAnyMore()
    {
        await using var holder = new PostgresSiloLivenessLock(_connectionString);
        await holder.AcquireAsync(Silo);

        await holder.AbandonAsync();

        // The server drops the lock when its backend sees the socket closed: wait for that, with a deadline.
        var deadline = Stopwatch.StartNew();
        while (await PostgresSiloLivenessLock.IsHeldAsync(_connectionString, Silo))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "The lock outlived its closed session by 10 s.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task SameSiloAcquiredTwice_SecondAcquireFailsInsteadOfHanging()
    {
        await using var first = new PostgresSiloLivenessLock(_connectionString);
        await using var second = new PostgresSiloLivenessLock(_connectionString);
        await first.AcquireAsync(Silo);

        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<InvalidOperationException>(() => second.AcquireAsync(Silo));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Null(second.Silo);

        await first.DisposeAsync();
        await second.AcquireAsync(Silo); // the first holder's connection is closed: the lock is free again
        Assert.True(await PostgresSiloLivenessLock.IsHeldAsync(_connectionString, Silo));
    }
}
