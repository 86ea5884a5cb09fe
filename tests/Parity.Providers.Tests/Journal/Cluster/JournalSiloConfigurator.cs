using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Parity.Providers.Journal;

namespace Parity.Providers.Tests.Journal.Cluster;

/// <summary>
/// Configures a test silo's journal from the cluster's properties (<see cref="JournalCluster"/>): storage, connection
/// string and snapshot interval, with fault injection on, a fake journal clock, and a log recorder.
/// </summary>
public sealed class JournalSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        var storage = Enum.Parse<ParityJournalStorage>(configuration[JournalCluster.StorageKey]!);
        if (storage == ParityJournalStorage.Memory)
        {
            siloBuilder.AddParityMemoryJournal(options => options.InjectFaults = true);
        }
        else
        {
            siloBuilder.AddParityJournal(options =>
            {
                options.Storage = storage;
                options.ConnectionString = configuration[JournalCluster.ConnectionStringKey] ?? string.Empty;
                options.InjectFaults = true;
            });
        }

        // A second call adds to the first: the snapshot interval comes from here.
        siloBuilder.AddParityJournal(options =>
            options.SnapshotInterval = int.Parse(configuration[JournalCluster.SnapshotIntervalKey] ?? "100", CultureInfo.InvariantCulture));

        siloBuilder.Services.AddKeyedSingleton<TimeProvider>(ParityJournal.ProviderName, new FakeTimeProvider(JournalCluster.ClockStart));
        siloBuilder.Services.AddSingleton<RecordingLoggerProvider>();
        siloBuilder.Services.AddSingleton<ILoggerProvider>(static sp => sp.GetRequiredService<RecordingLoggerProvider>());
    }
}
