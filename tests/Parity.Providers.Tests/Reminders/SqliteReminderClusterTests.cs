using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Parity.Providers.Schema;
using Parity.Providers.Tests.Schema;

namespace Parity.Providers.Tests.Reminders;

/// <summary>Orleans' reminder service on <c>UseSqliteReminderService</c>, through whole-cluster restarts on one file.</summary>
public sealed class SqliteReminderClusterTests : IDisposable
{
    private const string ConnectionStringKey = "ParityTests:SqliteReminders";
    private static readonly TimeSpan TickDeadline = TimeSpan.FromSeconds(60);

    private readonly TempSqliteDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Reminder_AfterTheWholeClusterIsReplaced_FiresOnTheNewClusterWithoutAnyCall()
    {
        var connectionString = _directory.ConnectionString("cluster.db");
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
        var serviceId = "reminders-" + Guid.NewGuid().ToString("N")[..8];
        var grainKey = "probe-" + Guid.NewGuid().ToString("N");

        var first = await StartClusterAsync(connectionString, serviceId);
        try
        {
            await first.Client.GetGrain<IReminderProbeGrain>(grainKey).RegisterAsync("heartbeat", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            var firstSilos = first.Silos.Select(silo => silo.SiloAddress).ToHashSet();
            await ReminderTickLog.WaitForAsync(tick => tick.GrainKey == grainKey && firstSilos.Contains(tick.Silo), TickDeadline, "first cluster");
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await StartClusterAsync(connectionString, serviceId);
        try
        {
            // Nothing calls the grain on the new cluster: only the reminder table can bring it back.
            var secondSilos = second.Silos.Select(silo => silo.SiloAddress).ToHashSet();
            var tick = await ReminderTickLog.WaitForAsync(t => t.GrainKey == grainKey && secondSilos.Contains(t.Silo), TickDeadline, "second cluster, same file");
            Assert.Equal("heartbeat", tick.ReminderName);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    private static async Task<TestCluster> StartClusterAsync(string connectionString, string serviceId)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseSqliteReminderService(options => options.ConnectionString = siloBuilder.Configuration[ConnectionStringKey]!);
            siloBuilder.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        }
    }
}
