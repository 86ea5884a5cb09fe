using Parity.Silo;
using Parity.Silo.Schema;

// `dotnet run --project silo -- migrate` applies the configured storage's schema and exits; anything else runs the silo.
if (MigrateCommand.IsRequested(args))
{
    return await MigrateCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

WebApplication app;
try
{
    app = SiloHost.Build(args);
}
catch (SiloConfigurationException e)
{
    // A start-up refusal, not a crash: one line naming the setting.
    await Console.Error.WriteLineAsync($"Parity silo not started: {e.Message}");
    return 1;
}

await app.RunAsync();
return 0;
