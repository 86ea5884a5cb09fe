using Parity.Providers.Schema;

namespace Parity.Silo.Schema;

/// <summary>
/// <c>dotnet run --project silo -- migrate</c> (or <c>Parity.Silo migrate</c>): applies the schema of the configured
/// storage with the silo's own configuration (appsettings, environment, the arguments after the verb) and exits:
/// 0 when the schema is up to date, 1 when the settings or the migration failed.
/// </summary>
internal static class MigrateCommand
{
    /// <summary>The verb, as the first command-line argument.</summary>
    public const string Verb = "migrate";

    /// <summary>Whether the command line asks for the migration rather than a silo.</summary>
    public static bool IsRequested(string[] args) => args.Length > 0 && string.Equals(args[0], Verb, StringComparison.OrdinalIgnoreCase);

    /// <summary>Migrates with configuration built as the silo builds it from <paramref name="args"/> (the verb removed).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        return RunAsync(builder.Configuration, builder.Environment.ContentRootPath, output, error);
    }

    /// <summary>Migrates the storage <paramref name="configuration"/> names.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, string contentRoot, TextWriter output, TextWriter error)
    {
        SiloSettings settings;
        try
        {
            settings = SiloSettings.Read(configuration, contentRoot);
        }
        catch (SiloConfigurationException e)
        {
            await error.WriteLineAsync($"{Verb}: {e.Message}");
            return ParitySchema.ExitFailure;
        }

        if (settings.SchemaDialect is not { } dialect)
        {
            await output.WriteLineAsync($"{Verb}: Parity:Storage:Provider={settings.Storage} keeps nothing in a database; there is no schema to migrate.");
            return ParitySchema.ExitSuccess;
        }

        try
        {
            SchemaFiles.PrepareDirectory(settings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{Verb}: the directory of the SQLite file cannot be created: {e.Message}");
            return ParitySchema.ExitFailure;
        }

        return await ParitySchema.RunMigrateCommandAsync(dialect, settings.ConnectionString, output, error);
    }
}
