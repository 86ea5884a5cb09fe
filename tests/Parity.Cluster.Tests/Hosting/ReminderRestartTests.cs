using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parity.Cluster.Tests.Grains;
using Parity.Runtime;
using Parity.Runtime.Hosting;
using Parity.Runtime.Storage.AdoNet;
using Parity.TestInfrastructure;

namespace Parity.Cluster.Tests.Hosting;

/// <summary>
/// A reminder registered on one silo fires after that silo is stopped and a new one starts on the same database,
/// with nobody calling the grain: the registration lives in the reminder table, not in the process.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class ReminderRestartTests(PostgresServerFixture postgres) : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(300);
    private readonly string _directory = Directory.CreateTempSubdirectory("parity-reminder-restart-").FullName;

    [Fact]
    public async Task Reminder_FiresAfterSiloRestart_OnPostgres()
    {
        var connectionString = await postgres.CreateDatabaseAsync("reminders");
        await AssertReminderFiresAfterRestartAsync(silo => silo
            .Configure(o => { o.SiloPort = 0; o.ClusterId = "reminder-restart"; })
            .UsePostgresStorage(o => o.ConnectionString = connectionString));
    }

    [Fact]
    public async Task Reminder_FiresAfterSiloRestart_OnSqliteFile()
    {
        var connectionString = AdoNetStorageOptions.ForSqliteFile(Path.Combine(_directory, "parity.db")).ConnectionString;
        await AssertReminderFiresAfterRestartAsync(silo => silo.UseSqliteStorage(o => o.ConnectionString = connectionString));
    }

    private static async Task AssertReminderFiresAfterRestartAsync(Action<ISiloBuilder> storage)
    {
        var key = "restart-" + Guid.NewGuid().ToString("N");
        string firstSilo;
        using (var first = await StartAsync(storage))
        {
            firstSilo = first.Services.GetRequiredService<Silo>().Address.ToString();
            await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IChimeGrain>(key).StartAsync(Period);
            await WaitUntilAsync(() => ChimeGrain.FiringsOf(key).Count > 0, "the reminder fires on the silo that registered it");
            await first.StopAsync();
        }

        var firedBeforeRestart = ChimeGrain.FiringsOf(key).Count;
        Assert.All(ChimeGrain.FiringsOf(key), silo => Assert.Equal(firstSilo, silo));

        // No call to the grain after the restart: only the reminder table can bring it back.
        using var second = await StartAsync(storage);
        var secondSilo = second.Services.GetRequiredService<Silo>().Address.ToString();
        Assert.NotEqual(firstSilo, secondSilo);
        await WaitUntilAsync(() => ChimeGrain.FiringsOf(key).Count > firedBeforeRestart, "the restarted silo fires the stored reminder");

        Assert.Equal(secondSilo, ChimeGrain.FiringsOf(key)[^1]);
        await second.StopAsync();
    }

    private static async Task<IHost> StartAsync(Action<ISiloBuilder> storage)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseParitySilo(silo =>
        {
            silo.AddGrainsFromAssemblyOf<ChimeGrain>().Configure(o => o.ReminderPollPeriod = TimeSpan.FromMilliseconds(100));
            storage(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not in time: " + because);
            await Task.Delay(20);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
