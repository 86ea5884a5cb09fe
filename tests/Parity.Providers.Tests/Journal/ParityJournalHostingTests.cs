using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Parity.Providers.Journal;

namespace Parity.Providers.Tests.Journal;

public sealed class ParityJournalHostingTests
{
    [Fact]
    public void AddParityJournal_CalledTwice_RegistersTheProviderOnce_AndAppliesBothConfigurationsInOrder()
    {
        var services = new ServiceCollection();
        var silo = new SiloBuilder(services);

        silo.AddParityJournal(o =>
        {
            o.Storage = ParityJournalStorage.PostgreSql;
            o.ConnectionString = "Host=db;Database=parity";
            o.SnapshotInterval = 7;
        });
        silo.AddParityJournal(o => o.SnapshotInterval = 9);

        Assert.Single(services, d => d.ServiceType == typeof(ILogViewAdaptorFactory) && Equals(d.ServiceKey, ParityJournal.ProviderName));
        Assert.Single(services, d => d.ServiceType == typeof(IJournalStorage) && Equals(d.ServiceKey, ParityJournal.ProviderName));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ParityJournalOptions>>().Value;
        Assert.Equal((ParityJournalStorage.PostgreSql, "Host=db;Database=parity", 9), (options.Storage, options.ConnectionString, options.SnapshotInterval));
        Assert.Same(ParityJournal.DefaultJsonOptions, options.JsonOptions);
        Assert.True(options.CoalesceAppends);
    }

    [Fact]
    public async Task InvalidOptions_FailTheSiloStart_WithoutRepeatingTheConnectionString()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddParityJournal(o =>
            {
                o.Storage = ParityJournalStorage.PostgreSql;
                o.ConnectionString = "Host=db;Password=hunter2;not a pair";
                o.SnapshotInterval = 0;
                o.MaxBatchSize = 0;
            }));
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("SnapshotInterval", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBatchSize", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionString is not a well-formed", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryJournal_NeedsNoConnectionString()
    {
        var services = new ServiceCollection();
        new SiloBuilder(services).AddParityMemoryJournal();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ParityJournalOptions>>().Value;
        Assert.Equal(ParityJournalStorage.Memory, options.Storage);
        Assert.IsType<MemoryJournalStorage>(provider.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName));
    }

    private sealed class SiloBuilder(IServiceCollection services) : ISiloBuilder
    {
        public IServiceCollection Services => services;

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
