using Npgsql;
using Orleans.Runtime;
using Parity.Providers.Tests.Reminders;
using Parity.TestInfrastructure;

namespace Parity.Providers.Tests.Schema;

/// <summary>Orleans' own ADO.NET providers on a PostgreSQL database migrated by <c>ParitySchema</c>.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class OrleansProvidersOnPostgreSqlTests(PostgresServerFixture postgres, PostgreSqlProvidersCluster fixture)
    : IClassFixture<PostgreSqlProvidersCluster>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsureStartedAsync(postgres);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AdoNetClustering_TwoSilos_AreBothActiveInOrleansMembershipTable()
    {
        var hosts = await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = 3", connection);
        command.Parameters.AddWithValue("cluster", fixture.Cluster.Options.ClusterId);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AdoNetGrainStorage_StateWrittenThenDeactivated_IsReadBackFromTheDatabase()
    {
        var key = "state-" + Guid.NewGuid().ToString("N");
        var grain = fixture.Cluster.Client.GetGrain<IStateProbeGrain>(key);
        await grain.WriteAsync("first");
        await grain.WriteAsync("second");
        await grain.DeactivateAsync();

        Assert.Equal("second", await grain.ReadAsync());

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        // String keys are stored in GrainIdExtensionString; two writes made version 2.
        await using var command = new NpgsqlCommand("SELECT Version FROM OrleansStorage WHERE GrainIdExtensionString = @key AND PayloadBinary IS NOT NULL", connection);
        command.Parameters.AddWithValue("key", key);
        Assert.Equal(2, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AdoNetReminders_RegisteredReminder_Fires()
    {
        var key = "pg-reminder-" + Guid.NewGuid().ToString("N");
        var grain = fixture.Cluster.Client.GetGrain<IReminderProbeGrain>(key);
        await grain.RegisterAsync("pg-heartbeat", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        try
        {
            var tick = await ReminderTickLog.WaitForAsync(t => t.GrainKey == key, TimeSpan.FromSeconds(60), "ADO.NET reminder on PostgreSQL");
            Assert.Equal("pg-heartbeat", tick.ReminderName);

            await using var connection = new NpgsqlConnection(fixture.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansRemindersTable WHERE ReminderName = 'pg-heartbeat' AND GrainId LIKE @key", connection);
            command.Parameters.AddWithValue("key", "%" + key);
            Assert.Equal(1L, await command.ExecuteScalarAsync());
        }
        finally
        {
            await grain.UnregisterAsync("pg-heartbeat");
        }
    }
}
