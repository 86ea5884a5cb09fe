using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Parity.Silo.Tests.Testing;

namespace Parity.Silo.Tests.Hosting;

/// <summary>The default silo (SQLite in the data directory) keeps its grains across a restart of the whole host on the
/// same file: journaled state (an inventory position), grain state in Orleans' ADO.NET storage (an idempotency key's
/// stored answer), both read back by a new process's worth of silo.</summary>
public sealed class SqliteRestartTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task DefaultSilo_KeepsJournalAndGrainState_AcrossARestartOnTheSameFile()
    {
        var settings = new Dictionary<string, string?> { ["Parity:DataDirectory"] = _directory.Path };
        var key = Guid.NewGuid().ToString();
        const string path = "/v1/inventory/positions/SKU-RESTART@STORE-1/receipts";
        const string body = "{\"eventId\":\"restart-1\",\"quantity\":7}";
        string firstAnswer;
        await using (var first = await TestSilo.StartAsync(settings))
        {
            var client = first.Client();
            var ready = await (await client.GetAsync("/health/ready")).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("ready", ready.GetProperty("status").GetString());
            Assert.Contains($":{first.SiloPort}:", ready.GetProperty("silo").GetString(), StringComparison.Ordinal);

            var answer = await client.SendAsync(Post(path, body, key));
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            firstAnswer = await answer.Content.ReadAsStringAsync();
        }

        Assert.True(await CountAsync("SELECT COUNT(*) FROM parity_journal") > 0, "the position's events are in the file");
        Assert.True(await CountAsync("SELECT COUNT(*) FROM OrleansStorage WHERE PayloadBinary IS NOT NULL") > 0, "grain state is in the file");

        await using var second = await TestSilo.StartAsync(settings);
        var again = second.Client();
        var view = await (await again.GetAsync("/v1/inventory/positions/SKU-RESTART@STORE-1")).Content.ReadFromJsonAsync<JsonElement>();
        var replay = await again.SendAsync(Post(path, body, key));

        Assert.Equal(7, view.GetProperty("onHand").GetInt32());
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(firstAnswer, await replay.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Post(string path, string json, string key) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { { "Idempotency-Key", key } },
    };

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _directory.DatabaseFile }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
