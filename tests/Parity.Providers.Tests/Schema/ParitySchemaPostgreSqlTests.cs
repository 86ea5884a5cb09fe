using Npgsql;
using Parity.Providers.Schema;
using Parity.TestInfrastructure;

namespace Parity.Providers.Tests.Schema;

[Collection(PostgresServerFixture.CollectionName)]
public sealed class ParitySchemaPostgreSqlTests(PostgresServerFixture postgres)
{
    private static readonly string[] OrleansScriptNames = [.. SchemaTestFiles.PostgreSqlOrleansFiles.Select(file => "orleans/" + file)];

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesOrleansScriptsInOrderThenParityScriptsAndLogsThem()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schemaempty");
        var logger = new ListLogger();

        var result = await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString, logger);

        string[] expected = [.. OrleansScriptNames, .. SchemaTestFiles.ParityFiles("postgresql-").Select(file => "parity/" + file)];
        Assert.Equal(expected, result.Applied);
        Assert.Empty(result.Skipped);
        Assert.Empty(result.Adopted);
        await using var connection = await OpenAsync(connectionString);
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await HandAppliedScripts.ReadLedgerAsync(connection)).Keys);
        Assert.All(expected, name => Assert.Contains(logger.Messages, message => message.StartsWith($"Applied schema script {name} ", StringComparison.Ordinal)));
        foreach (var table in new[] { "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable", "orleansstorage", "orleansreminderstable" })
        {
            Assert.True(await ScalarAsync<bool>(connection, $"SELECT to_regclass('{table}') IS NOT NULL"), table);
        }
    }

    [Fact]
    public async Task Migrate_SecondRun_SkipsEveryScriptAndChangesNothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schematwice");
        var first = await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);
        var before = await FingerprintAsync(connectionString);

        var second = await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);

        Assert.Empty(second.Applied);
        Assert.Empty(second.Adopted);
        Assert.Equal(first.Applied, second.Skipped);
        Assert.Equal(before, await FingerprintAsync(connectionString));
    }

    [Fact]
    public async Task Migrate_FourMigratorsAtOnce_AllSucceedAndEachScriptIsAppliedOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schemaconcurrent");
        var names = ParitySchema.GetScripts(SchemaDialect.PostgreSql).Select(script => script.Name).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString))));

        Assert.Equal(names.Order(StringComparer.Ordinal), results.SelectMany(result => result.Applied).Order(StringComparer.Ordinal));
        Assert.All(results, result => Assert.Equal(names.Order(StringComparer.Ordinal), result.Applied.Concat(result.Skipped).Order(StringComparer.Ordinal)));
        await using var connection = await OpenAsync(connectionString);
        Assert.Equal(names.Count, await ScalarAsync<long>(connection, "SELECT count(*) FROM parity_schema_migration"));
        Assert.Equal(20, await ScalarAsync<long>(connection, "SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task Migrate_AppliedScriptEdited_FailsNamingItAndAppliesNothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schemaedited");
        await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);
        var scripts = ParitySchema.GetScripts(SchemaDialect.PostgreSql)
            .Select(script => script.Name == "orleans/PostgreSQL-Persistence.sql"
                ? SchemaScript.FromText(script.Name, script.Origin, script.Text.Replace("varchar(8000)", "text", StringComparison.Ordinal) + "\n-- edited\n")
                : script)
            .Append(SchemaScript.FromText("parity/postgresql-zz-standin.sql", SchemaScriptOrigin.Parity, "CREATE TABLE parity_standin (id integer);"))
            .ToList();

        var logger = new ListLogger();

        var error = await Assert.ThrowsAsync<SchemaScriptChangedException>(() =>
            SchemaMigrator.MigrateAsync(SchemaDialect.PostgreSql, connectionString, scripts, logger, CancellationToken.None));

        Assert.Equal("orleans/PostgreSQL-Persistence.sql", error.ScriptName);
        Assert.Contains(logger.Messages, message => message == "Schema migration (PostgreSql) stopped at script orleans/PostgreSQL-Persistence.sql");
        Assert.Contains("'orleans/PostgreSQL-Persistence.sql'", error.Message, StringComparison.Ordinal);
        Assert.Equal(SchemaTestFiles.Sha256Of(Path.Combine(SchemaTestFiles.OrleansDirectory, "PostgreSQL-Persistence.sql")), error.RecordedSha256);
        await using var connection = await OpenAsync(connectionString);
        Assert.False(await ScalarAsync<bool>(connection, "SELECT to_regclass('parity_standin') IS NOT NULL"));
    }

    [Fact]
    public async Task Migrate_StandInParityScripts_RunAfterOrleansScriptsInTheOrderGiven()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schemastandin");
        // Stand-ins for Parity's scripts: the second reads what the first wrote and both read Orleans' table.
        var scripts = ParitySchema.GetScripts(SchemaDialect.PostgreSql)
            .Append(SchemaScript.FromText("parity/postgresql-aa-standin.sql", SchemaScriptOrigin.Parity,
                "CREATE TABLE parity_standin (queries bigint NOT NULL); INSERT INTO parity_standin SELECT count(*) FROM OrleansQuery;"))
            .Append(SchemaScript.FromText("parity/postgresql-bb-standin.sql", SchemaScriptOrigin.Parity,
                "INSERT INTO parity_standin SELECT queries + 1 FROM parity_standin;"))
            .ToList();

        var result = await SchemaMigrator.MigrateAsync(SchemaDialect.PostgreSql, connectionString, scripts, new ListLogger(), CancellationToken.None);

        Assert.Equal(scripts.Select(script => script.Name), result.Applied);
        await using var connection = await OpenAsync(connectionString);
        Assert.Equal("20,21", await ScalarAsync<string>(connection, "SELECT string_agg(queries::text, ',' ORDER BY queries) FROM parity_standin"));
    }

    [Fact]
    public async Task OrleansQuery_AfterMigration_HoldsExactlyTheRowsTheVendoredFilesInsert()
    {
        var migrated = await postgres.CreateDatabaseAsync("schemaqueries");
        var byHand = await postgres.CreateDatabaseAsync("schemaqueriesref");
        await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, migrated);
        await HandAppliedScripts.ApplyPostgreSqlAsync(byHand, SchemaTestFiles.PostgreSqlOrleansFiles);

        await using var migratedConnection = await OpenAsync(migrated);
        await using var referenceConnection = await OpenAsync(byHand);
        var actual = await HandAppliedScripts.ReadOrleansQueryAsync(migratedConnection);
        var expected = await HandAppliedScripts.ReadOrleansQueryAsync(referenceConnection);

        Assert.Equal(20, expected.Count); // 9 clustering, 4 persistence, 7 reminder queries
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Ledger_AfterMigration_RecordsTheHashesOfTheFilesInDeploySql()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schemahashes");
        await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);

        await using var connection = await OpenAsync(connectionString);
        var ledger = await HandAppliedScripts.ReadLedgerAsync(connection);
        foreach (var file in SchemaTestFiles.PostgreSqlOrleansFiles)
        {
            Assert.Equal(SchemaTestFiles.Sha256Of(Path.Combine(SchemaTestFiles.OrleansDirectory, file)), ledger["orleans/" + file].Sha256);
        }

        foreach (var file in SchemaTestFiles.ParityFiles("postgresql-"))
        {
            Assert.Equal(SchemaTestFiles.Sha256Of(Path.Combine(SchemaTestFiles.ParityDirectory, file)), ledger["parity/" + file].Sha256);
        }

        Assert.All(ledger.Values, row => Assert.Equal("applied", row.Outcome));
    }

    [Fact]
    public async Task Migrate_DatabaseSetUpByHandFromTheVendoredScripts_IsAdoptedWithoutRunningThemAgain()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schemaadopt");
        await HandAppliedScripts.ApplyPostgreSqlAsync(connectionString, SchemaTestFiles.PostgreSqlOrleansFiles.Take(3)); // no reminders yet

        var result = await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);

        Assert.Equal(OrleansScriptNames.Take(3), result.Adopted);
        Assert.Equal(["orleans/PostgreSQL-Reminders.sql", .. SchemaTestFiles.ParityFiles("postgresql-").Select(file => "parity/" + file)], result.Applied);
        await using var connection = await OpenAsync(connectionString);
        Assert.Equal(20, await ScalarAsync<long>(connection, "SELECT count(*) FROM OrleansQuery"));
        Assert.False(await ScalarAsync<bool>(connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'parity_schema_scratch')"));
        var again = await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);
        Assert.Empty(again.Applied);
        Assert.Empty(again.Adopted);
    }

    [Fact]
    public async Task Migrate_DatabaseSetUpByHandWithOtherQueries_IsRefusedNamingTheScriptAndKeys()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schemarefuse");
        await HandAppliedScripts.ApplyPostgreSqlAsync(connectionString, SchemaTestFiles.PostgreSqlOrleansFiles);
        await using (var connection = await OpenAsync(connectionString))
        {
            await ExecuteAsync(connection, "UPDATE OrleansQuery SET QueryText = QueryText || ' ' WHERE QueryKey = 'ReadFromStorageKey'");
        }

        var error = await Assert.ThrowsAsync<UnmanagedSchemaException>(() => ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString));

        Assert.Equal("orleans/PostgreSQL-Persistence.sql", error.ScriptName);
        Assert.Equal(["ReadFromStorageKey"], error.DifferingQueryKeys);
        await using var check = await OpenAsync(connectionString);
        Assert.Equal(0, await ScalarAsync<long>(check, "SELECT count(*) FROM parity_schema_migration"));
    }

    [Fact]
    public async Task RunMigrateCommand_PrintsEachScriptAndReturnsZero_ThenOneWithoutTheConnectionStringWhenUnreachable()
    {
        var connectionString = await postgres.CreateDatabaseAsync("schemaverb");
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await ParitySchema.RunMigrateCommandAsync(SchemaDialect.PostgreSql, connectionString, output, error);

        Assert.Equal(ParitySchema.ExitSuccess, exitCode);
        Assert.Contains("applied  orleans/PostgreSQL-Main.sql", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("PostgreSQL schema up to date: ", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(error.ToString());

        var unreachable = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = 1, Username = "parity", Password = "hunter2-secret", Timeout = 3 }.ConnectionString;
        var failedOutput = new StringWriter();
        var failedError = new StringWriter();
        Assert.Equal(ParitySchema.ExitFailure, await ParitySchema.RunMigrateCommandAsync(SchemaDialect.PostgreSql, unreachable, failedOutput, failedError));
        Assert.StartsWith("migrate: PostgreSQL database not migrated: ", failedError.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", failedError.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VendoredScripts_AreNotIdempotent_SoEachMayRunOnlyOnce()
    {
        var files = SchemaTestFiles.PostgreSqlOrleansFiles;
        var connectionString = await postgres.CreateDatabaseAsync("schemarerun");
        for (var i = 0; i < files.Length; i++)
        {
            await HandAppliedScripts.ApplyPostgreSqlAsync(connectionString, [files[i]]);

            var rerun = await Assert.ThrowsAsync<PostgresException>(() => HandAppliedScripts.ApplyPostgreSqlAsync(connectionString, [files[i]]));
            Assert.Equal(PostgresErrorCodes.DuplicateTable, rerun.SqlState);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Tables, indexes and functions of the public schema, the ledger and OrleansQuery: what a second run must not change.</summary>
    private static async Task<string> FingerprintAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        var objects = await ScalarAsync<string>(connection,
            """
            SELECT string_agg(name, ',' ORDER BY name) FROM (
                SELECT c.relname || ':' || c.relkind::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
                UNION ALL
                SELECT p.proname || ':' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public') objects
            """);
        var ledger = string.Join(";", (await HandAppliedScripts.ReadLedgerAsync(connection)).Select(row => $"{row.Key}={row.Value}"));
        var queries = string.Join(";", (await HandAppliedScripts.ReadOrleansQueryAsync(connection)).Select(row => $"{row.Key}={row.Value}"));
        return objects + "\n" + ledger + "\n" + queries;
    }
}
