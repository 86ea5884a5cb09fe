using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Erp;
using Parity.Grains.Hosting;
using Parity.Providers.Journal;

namespace Parity.Erp.Tests.Testing;

/// <summary>
/// An ERP test silo: Parity's grains with their options from the cluster's properties (<c>Parity:Erp</c> and the
/// rest, as a real silo reads them), the journal with fault injection, and either memory stores or, for clusters that
/// outlive their silo, the journal and reminders in a SQLite file. When the cluster names <see cref="ErpRoutes"/>, the
/// silo's ERP connector follows them instead of <c>Parity:Erp:BaseUrl</c>.
/// </summary>
public sealed class ErpSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.AddParityGrains(configuration);
        if (configuration[ErpTestCluster.SqliteKey] is { Length: > 0 } sqlite)
        {
            siloBuilder.AddParityJournal(options =>
            {
                options.Storage = ParityJournalStorage.Sqlite;
                options.ConnectionString = sqlite;
            });
            siloBuilder.UseSqliteReminderService(options => options.ConnectionString = sqlite);

            // The ERP grains keep everything in their journals and reminders; nothing here uses grain state.
            siloBuilder.AddMemoryGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        }
        else
        {
            siloBuilder.UseParityMemoryStores();
        }

        siloBuilder.AddParityJournal(options => options.InjectFaults = true);

        // Retry and reminder periods of these tests are seconds or less, below Orleans' one-minute floor for reminders.
        siloBuilder.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));

        if (configuration[ErpTestCluster.RoutesKey] is { Length: > 0 } routes)
        {
            // Registered after AddParityGrains' connector, so this is the one the grains get.
            siloBuilder.Services.AddSingleton<IErpConnector>(new RoutedErpConnector(ErpRoutes.Find(routes)));
        }
    }
}
