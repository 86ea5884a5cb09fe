using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Parity.Providers.Schema;
using Parity.Silo.Schema;
using Parity.Silo.Tests.Testing;
using Parity.TestInfrastructure;

namespace Parity.Silo.Tests.Hosting;

/// <summary>The cluster configuration on a real PostgreSQL: the migrate verb as the explicit schema step, then a silo
/// with MigrateOnStart=false that joins through Orleans' membership table and keeps its journals there.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresSiloTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task MigrateVerbThenSilo_JoinsThroughTheMembershipTable_AndJournalsInPostgres()
    {
        var connectionString = await postgres.CreateDatabaseAsync("silo_host");
        var settings = new Dictionary<string, string?>
        {
            ["Parity:Storage:Provider"] = "Postgres",
            ["Parity:Storage:ConnectionString"] = connectionString,
            ["Parity:Storage:MigrateOnStart"] = "false",
            ["Parity:Cluster:ClusterId"] = "silo-tests",
        };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var migrated = await MigrateCommand.RunAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath(), output, error);
        Assert.True(migrated == ParitySchema.ExitSuccess, $"{output}\n{error}");
        Assert.Contains("PostgreSQL schema up to date", output.ToString(), StringComparison.Ordinal);

        await using (var silo = await TestSilo.StartAsync(settings))
        {
            var client = silo.Client();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            var receipt = await client.PostAsJsonAsync("/v1/inventory/positions/SKU-PG@DC-1/receipts", new { eventId = "pg-1", quantity = 4 });
            Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
            var view = await (await client.GetAsync("/v1/inventory/positions/SKU-PG@DC-1")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(4, view.GetProperty("onHand").GetInt32());
            Assert.Equal(1L, await ScalarAsync(connectionString, $"SELECT COUNT(*) FROM orleansmembershiptable WHERE deploymentid = 'silo-tests' AND port = {silo.SiloPort} AND status = 3"));
        }

        Assert.True(await ScalarAsync(connectionString, "SELECT COUNT(*) FROM parity_journal") > 0, "the position's events are in PostgreSQL");
        Assert.Equal(0L, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM orleansmembershiptable WHERE deploymentid = 'silo-tests' AND status = 3"));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
