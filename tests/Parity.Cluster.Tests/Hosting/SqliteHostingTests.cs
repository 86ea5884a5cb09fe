using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parity.Cluster.Tests.Grains;
using Parity.Runtime;
using Parity.Runtime.Hosting;
using Parity.Runtime.Storage.AdoNet;

namespace Parity.Cluster.Tests.Hosting;

public sealed class SqliteHostingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parity-sqlite-host-").FullName;

    private string DatabasePath => Path.Combine(_directory, "parity.db");

    [Fact]
    public async Task JournaledGrain_KeepsState_AcrossSiloRestartOnSameFile()
    {
        using (var host = BuildHost(DatabasePath))
        {
            await host.StartAsync();
            var tally = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ITallyGrain>("restart");
            await tally.AddAsync(5, "a");
            Assert.Equal(2, await tally.AddAsync(7, "b"));
            await host.StopAsync();
        }

        using (var host = BuildHost(DatabasePath))
        {
            await host.StartAsync();
            var view = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ITallyGrain>("restart").GetAsync();
            Assert.Equal(12, view.Total);
            Assert.Equal(["a", "b"], view.References);
            Assert.Equal(2, view.Version);
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task MissingConnectionString_FailsAtStart()
    {
        using var host = BuildHost(databasePath: null);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_HidesPassword()
    {
        var redacted = AdoNetSiloStorage.Redact("Host=127.0.0.1;Username=parity;Password=s3cret;Database=parity");
        Assert.DoesNotContain("s3cret", redacted, StringComparison.Ordinal);
        Assert.Contains("***", redacted, StringComparison.Ordinal);
    }

    private static IHost BuildHost(string? databasePath)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseParitySilo(silo => silo
            .AddGrainsFromAssemblyOf<TallyGrain>()
            .UseSqliteStorage(o =>
            {
                if (databasePath is not null)
                {
                    o.ConnectionString = AdoNetStorageOptions.ForSqliteFile(databasePath).ConnectionString;
                }
            }));
        return builder.Build();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
