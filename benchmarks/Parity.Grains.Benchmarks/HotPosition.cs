using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Hosting;
using Parity.Providers.Journal;
using Parity.Providers.Schema;
using Parity.TestInfrastructure;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// One hot inventory position on one Orleans silo in this process (<c>UseOrleans</c>, Parity's grains, localhost
/// clustering on free ports), called through the silo's own grain factory: the flash-sale shape. The journal is the
/// memory journal (optionally with injected append latency) or PostgreSQL (a throwaway server with durable commits, or
/// <c>PARITY_TEST_POSTGRES</c>; coalescing writer on), always behind the fault injector for its append counters.
/// Reservations of 1 unit each; once stock runs out every further request is a rejection, which is still a decision
/// journaled and answered.
/// </summary>
internal sealed class HotPosition : IAsyncDisposable
{
    private const string Web = "web";
    private readonly IHost _host;
    private readonly PostgresServerFixture? _postgres;
    private long _nextRequest;

    private HotPosition(IHost host, PostgresServerFixture? postgres, PositionKey key, IInventoryPositionGrain grain)
    {
        _host = host;
        _postgres = postgres;
        Key = key;
        Grain = grain;
    }

    public PositionKey Key { get; }

    public IInventoryPositionGrain Grain { get; }

    /// <summary>The journal's fault injector: latency, and counters of appends and appended events.</summary>
    public FaultInjectingJournalStorage Journal
        => (FaultInjectingJournalStorage)_host.Services.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

    public JournalCounts Storage => new(Journal.Appends, Journal.AppendedEvents);

    public static async Task<HotPosition> StartAsync(int stock, TimeSpan appendLatency, bool postgres)
    {
        PostgresServerFixture? server = null;
        string? connectionString = null;
        if (postgres)
        {
            server = new PostgresServerFixture { Durable = true };
            await server.InitializeAsync();
            connectionString = await server.CreateDatabaseAsync("bench");
            await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.AddParityGrains(builder.Configuration);
            silo.UseParityMemoryStores();
            // Applied after the memory stores' journal settings, so what is set here wins.
            silo.AddParityJournal(options =>
            {
                if (connectionString is not null)
                {
                    // The journal on PostgreSQL; grain state and reminders stay in memory (the position keeps none).
                    options.Storage = ParityJournalStorage.PostgreSql;
                    options.ConnectionString = connectionString;
                }

                options.InjectFaults = true;
            });
        });
        var host = builder.Build();
        await host.StartAsync();

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var key = new PositionKey("HOT-SKU", "DC-1");
        var policy = new ChannelPolicy
        {
            SafetyStock = 10,
            Channels = new Dictionary<string, ChannelRule>
            {
                ["store"] = new(0),
                [Web] = new(1),
                ["marketplace"] = new(2, ChannelCap.FractionOfSellable(0.3m)),
            },
        };
        await grains.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).SetForPositionAsync(key, policy);
        var grain = grains.GetGrain<IInventoryPositionGrain>(key.ToString());
        await grain.ReceiveAsync("stock", stock, "PO-1");
        var position = new HotPosition(host, server, key, grain);
        position.Journal.AppendLatency = appendLatency;
        return position;
    }

    /// <summary>One reservation of one unit with a fresh request id.</summary>
    public Task<ReservationOutcome> ReserveOneAsync()
    {
        var id = Interlocked.Increment(ref _nextRequest);
        var requestId = "req-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Grain.ReserveAsync(new ReserveRequest(requestId, Web, "web:" + requestId, ReservationKind.Order, [new ReserveLine(Key.Sku, Key.LocationId, 1)]));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Appends and events that reached the journal's fault injector.</summary>
internal readonly record struct JournalCounts(long Appends, long Events);
