using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Parity.Providers.Schema;
using Parity.Silo.Schema;
using Parity.Silo.Tests.Testing;

namespace Parity.Silo.Tests.Schema;

/// <summary>The migrate verb: the configured storage's schema applied to a fresh SQLite file, idempotently, with the
/// silo's own configuration; refusals named; the verb on the real command line.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task FreshSqliteFile_GetsTheWholeSchema_AndASecondRunAppliesNothing()
    {
        var first = await MigrateAsync(new() { ["Parity:DataDirectory"] = Path.Combine(_directory.Path, "nested", "data") });
        var file = Path.Combine(_directory.Path, "nested", "data", "parity.db");
        var tables = await TablesAsync(file);
        var second = await MigrateAsync(new() { ["Parity:DataDirectory"] = Path.Combine(_directory.Path, "nested", "data") });

        var scripts = ParitySchema.GetScripts(SchemaDialect.Sqlite);
        Assert.Equal(ParitySchema.ExitSuccess, first.ExitCode);
        Assert.Equal(scripts.Count, first.Output.Split('\n').Count(l => l.StartsWith("applied ", StringComparison.Ordinal)));
        Assert.Contains($"{scripts.Count} applied", first.Output, StringComparison.Ordinal);
        Assert.Superset(new HashSet<string> { "OrleansQuery", "OrleansStorage", "parity_journal", "parity_journal_snapshot", "parity_orleans_reminder", "parity_schema_migration" }, tables);
        Assert.Equal(ParitySchema.ExitSuccess, second.ExitCode);
        Assert.Contains($"0 applied, 0 adopted, {scripts.Count} already applied", second.Output, StringComparison.Ordinal);
        Assert.Empty(second.Error);
    }

    [Fact]
    public async Task Memory_HasNoSchema_AndSaysSo()
    {
        var result = await MigrateAsync(new() { ["Parity:Storage:Provider"] = "Memory", ["Parity:DataDirectory"] = _directory.Path });

        Assert.Equal(ParitySchema.ExitSuccess, result.ExitCode);
        Assert.Contains("no schema to migrate", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory.Path));
    }

    [Fact]
    public async Task BadKey_FailsWithOne_NamingTheKey()
    {
        var result = await MigrateAsync(new() { ["Parity:Storage:Provider"] = "Postgres", ["Parity:DataDirectory"] = _directory.Path });

        Assert.Equal(ParitySchema.ExitFailure, result.ExitCode);
        Assert.StartsWith("migrate: Parity:Storage:ConnectionString is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandLineVerb_MigratesTheDataDirectory_AndExitsWithZero_TwiceOver()
    {
        var environment = new Dictionary<string, string> { ["PARITY_DATA_DIR"] = _directory.Path };

        var first = await SiloProcess.RunAsync(["migrate"], environment, TimeSpan.FromSeconds(60));
        var second = await SiloProcess.RunAsync(["migrate"], environment, TimeSpan.FromSeconds(60));

        var scripts = ParitySchema.GetScripts(SchemaDialect.Sqlite).Count;
        Assert.True(first.ExitCode == 0, $"{first.Output}\n{first.Error}");
        Assert.Contains($"SQLite schema up to date: {scripts} applied", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, $"{second.Output}\n{second.Error}");
        Assert.Contains($"0 applied, 0 adopted, {scripts} already applied", second.Output, StringComparison.Ordinal);
        Assert.Contains("parity_journal", await TablesAsync(_directory.DatabaseFile));
    }

    private async Task<(int ExitCode, string Output, string Error)> MigrateAsync(Dictionary<string, string?> values)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var exitCode = await MigrateCommand.RunAsync(configuration, _directory.Path, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static async Task<HashSet<string>> TablesAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
