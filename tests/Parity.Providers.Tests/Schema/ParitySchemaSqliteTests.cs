using Microsoft.Data.Sqlite;
using Parity.Providers.Schema;

namespace Parity.Providers.Tests.Schema;

public sealed class ParitySchemaSqliteTests : IDisposable
{
    private static readonly string[] OrleansScriptNames = [.. SchemaTestFiles.SqliteOrleansFiles.Select(file => "orleans/" + file)];

    private readonly TempSqliteDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Migrate_EmptyFile_AppliesOrleansScriptsThenEveryParitySqliteScript()
    {
        var connectionString = _directory.ConnectionString("empty.db");

        var result = await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);

        string[] parityScripts = [.. SchemaTestFiles.ParityFiles("sqlite-").Select(file => "parity/" + file)];
        Assert.Contains("parity/sqlite-reminders.sql", parityScripts);
        Assert.Equal([.. OrleansScriptNames, .. parityScripts], result.Applied);
        Assert.Empty(result.Skipped);
        await using var connection = await OpenAsync(connectionString);
        foreach (var table in new[] { "OrleansQuery", "OrleansStorage", "parity_orleans_reminder", "parity_schema_migration" })
        {
            Assert.Equal(1L, await ScalarAsync(connection, $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"));
        }
    }

    [Fact]
    public async Task Migrate_SecondRun_SkipsEveryScriptAndChangesNothing()
    {
        var connectionString = _directory.ConnectionString("twice.db");
        var first = await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
        var before = await FingerprintAsync(connectionString);

        var second = await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);

        Assert.Empty(second.Applied);
        Assert.Equal(first.Applied, second.Skipped);
        Assert.Equal(before, await FingerprintAsync(connectionString));
    }

    [Fact]
    public async Task Migrate_ThreeMigratorsAtOnce_AllSucceedAndEachScriptIsAppliedOnce()
    {
        var connectionString = _directory.ConnectionString("concurrent.db");
        var names = ParitySchema.GetScripts(SchemaDialect.Sqlite).Select(script => script.Name).Order(StringComparer.Ordinal).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString))));

        Assert.Equal(names, results.SelectMany(result => result.Applied).Order(StringComparer.Ordinal));
        Assert.All(results, result => Assert.Equal(names, result.Applied.Concat(result.Skipped).Order(StringComparer.Ordinal)));
        await using var connection = await OpenAsync(connectionString);
        Assert.Equal(3L, await ScalarAsync(connection, "SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task Migrate_AppliedScriptEdited_FailsNamingIt()
    {
        var connectionString = _directory.ConnectionString("edited.db");
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
        var scripts = ParitySchema.GetScripts(SchemaDialect.Sqlite)
            .Select(script => script.Name == "orleans/Sqlite-Main.sql" ? SchemaScript.FromText(script.Name, script.Origin, script.Text + " ") : script)
            .ToList();

        var error = await Assert.ThrowsAsync<SchemaScriptChangedException>(() =>
            SchemaMigrator.MigrateAsync(SchemaDialect.Sqlite, connectionString, scripts, new ListLogger(), CancellationToken.None));

        Assert.Equal("orleans/Sqlite-Main.sql", error.ScriptName);
        Assert.Contains("'orleans/Sqlite-Main.sql'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ScriptTheDatabaseRefuses_RollsItBackAndRecordsNothingForIt()
    {
        var connectionString = _directory.ConnectionString("refused.db");
        var scripts = ParitySchema.GetScripts(SchemaDialect.Sqlite)
            .Append(SchemaScript.FromText("parity/sqlite-zz-broken.sql", SchemaScriptOrigin.Parity,
                "CREATE TABLE parity_half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);"))
            .ToList();

        var error = await Assert.ThrowsAsync<SchemaScriptFailedException>(() =>
            SchemaMigrator.MigrateAsync(SchemaDialect.Sqlite, connectionString, scripts, new ListLogger(), CancellationToken.None));

        Assert.Equal("parity/sqlite-zz-broken.sql", error.ScriptName);
        await using var connection = await OpenAsync(connectionString);
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM sqlite_master WHERE name = 'parity_half_done'"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT count(*) FROM parity_schema_migration WHERE script = 'parity/sqlite-zz-broken.sql'"));
        Assert.Equal(scripts.Count - 1, await ScalarAsync(connection, "SELECT count(*) FROM parity_schema_migration"));
    }

    [Fact]
    public async Task OrleansQuery_AfterMigration_HoldsExactlyTheRowsTheVendoredFilesInsert()
    {
        var connectionString = _directory.ConnectionString("queries.db");
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
        await using var reference = new SqliteConnection("Data Source=:memory:");
        await reference.OpenAsync();
        await HandAppliedScripts.ApplySqliteAsync(reference, SchemaTestFiles.SqliteOrleansFiles);

        await using var connection = await OpenAsync(connectionString);
        var expected = await HandAppliedScripts.ReadOrleansQueryAsync(reference);

        Assert.Equal(["ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey"], expected.Keys);
        Assert.Equal(expected, await HandAppliedScripts.ReadOrleansQueryAsync(connection));
    }

    [Fact]
    public async Task Ledger_AfterMigration_RecordsTheHashesOfTheFilesInDeploySql()
    {
        var connectionString = _directory.ConnectionString("hashes.db");
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);

        await using var connection = await OpenAsync(connectionString);
        var ledger = await HandAppliedScripts.ReadLedgerAsync(connection);
        foreach (var file in SchemaTestFiles.SqliteOrleansFiles)
        {
            Assert.Equal(SchemaTestFiles.Sha256Of(Path.Combine(SchemaTestFiles.OrleansDirectory, file)), ledger["orleans/" + file].Sha256);
        }

        foreach (var file in SchemaTestFiles.ParityFiles("sqlite-"))
        {
            Assert.Equal(SchemaTestFiles.Sha256Of(Path.Combine(SchemaTestFiles.ParityDirectory, file)), ledger["parity/" + file].Sha256);
        }
    }

    [Fact]
    public async Task Migrate_FileSetUpByHandFromTheVendoredScripts_IsAdopted()
    {
        var connectionString = _directory.ConnectionString("adopt.db");
        await using (var connection = await OpenAsync(connectionString))
        {
            await HandAppliedScripts.ApplySqliteAsync(connection, SchemaTestFiles.SqliteOrleansFiles);
        }

        var result = await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);

        Assert.Equal(OrleansScriptNames, result.Adopted);
        Assert.Equal(SchemaTestFiles.ParityFiles("sqlite-").Select(file => "parity/" + file), result.Applied);
        await using var check = await OpenAsync(connectionString);
        Assert.Equal(3L, await ScalarAsync(check, "SELECT count(*) FROM OrleansQuery"));
        Assert.Equal(2L, await ScalarAsync(check, "SELECT count(*) FROM parity_schema_migration WHERE outcome = 'adopted'"));
    }

    [Fact]
    public async Task Migrate_FileSetUpByHandWithOtherQueries_IsRefused()
    {
        var connectionString = _directory.ConnectionString("refuse.db");
        await using (var connection = await OpenAsync(connectionString))
        {
            await HandAppliedScripts.ApplySqliteAsync(connection, SchemaTestFiles.SqliteOrleansFiles);
            await using var change = connection.CreateCommand();
            change.CommandText = "DELETE FROM OrleansQuery WHERE QueryKey = 'ClearStorageKey'";
            await change.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<UnmanagedSchemaException>(() => ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString));

        Assert.Equal("orleans/Sqlite-Persistence.sql", error.ScriptName);
        Assert.Equal(["ClearStorageKey"], error.DifferingQueryKeys);
    }

    [Fact]
    public void EmbeddedParityScripts_AreExactlyTheFilesInDeploySqlParity()
    {
        foreach (var (dialect, prefix) in new[] { (SchemaDialect.PostgreSql, "postgresql-"), (SchemaDialect.Sqlite, "sqlite-") })
        {
            var embedded = ParitySchema.GetScripts(dialect).Where(script => script.Origin == SchemaScriptOrigin.Parity).ToList();
            Assert.Equal(SchemaTestFiles.ParityFiles(prefix).Select(file => "parity/" + file), embedded.Select(script => script.Name));
            Assert.All(embedded, script =>
                Assert.Equal(SchemaTestFiles.Sha256Of(Path.Combine(SchemaTestFiles.ParityDirectory, script.Name["parity/".Length..])), script.Sha256));
        }
    }

    [Fact]
    public void EmbeddedOrleansScripts_AreTheVendoredFilesInTheirRequiredOrder()
    {
        foreach (var (dialect, files) in new[] { (SchemaDialect.PostgreSql, SchemaTestFiles.PostgreSqlOrleansFiles), (SchemaDialect.Sqlite, SchemaTestFiles.SqliteOrleansFiles) })
        {
            var embedded = ParitySchema.GetScripts(dialect).Where(script => script.Origin == SchemaScriptOrigin.Orleans).ToList();
            Assert.Equal(files.Select(file => "orleans/" + file), embedded.Select(script => script.Name));
            Assert.Equal(files.Select(file => SchemaTestFiles.Sha256Of(Path.Combine(SchemaTestFiles.OrleansDirectory, file))), embedded.Select(script => script.Sha256));
        }
    }

    [Fact]
    public async Task VendoredScripts_AreNotIdempotent_SoEachMayRunOnlyOnce()
    {
        foreach (var count in Enumerable.Range(1, SchemaTestFiles.SqliteOrleansFiles.Length))
        {
            await using var connection = new SqliteConnection("Data Source=:memory:");
            await connection.OpenAsync();
            await HandAppliedScripts.ApplySqliteAsync(connection, SchemaTestFiles.SqliteOrleansFiles.Take(count));

            var file = SchemaTestFiles.SqliteOrleansFiles[count - 1];
            await Assert.ThrowsAsync<SqliteException>(() => HandAppliedScripts.ApplySqliteAsync(connection, [file]));
        }
    }

    [Theory]
    [InlineData("postgresql", SchemaDialect.PostgreSql)]
    [InlineData("PostgreSQL", SchemaDialect.PostgreSql)]
    [InlineData("pg", SchemaDialect.PostgreSql)]
    [InlineData("sqlite", SchemaDialect.Sqlite)]
    public void TryParseDialect_KnownName_IsParsed(string value, SchemaDialect expected)
    {
        Assert.True(ParitySchema.TryParseDialect(value, out var dialect));
        Assert.Equal(expected, dialect);
    }

    [Fact]
    public void TryParseDialect_UnknownName_IsRefused() => Assert.False(ParitySchema.TryParseDialect("oracle", out _));

    private static async Task<SqliteConnection> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> FingerprintAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(type || ':' || name || ':' || coalesce(sql, ''), '\n') FROM (SELECT * FROM sqlite_master ORDER BY name)";
        var objects = (string)(await command.ExecuteScalarAsync())!;
        var ledger = string.Join(";", (await HandAppliedScripts.ReadLedgerAsync(connection)).Select(row => $"{row.Key}={row.Value}"));
        var queries = string.Join(";", (await HandAppliedScripts.ReadOrleansQueryAsync(connection)).Select(row => $"{row.Key}={row.Value}"));
        return objects + "\n" + ledger + "\n" + queries;
    }
}
