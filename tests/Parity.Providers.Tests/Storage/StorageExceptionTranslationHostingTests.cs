using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Parity.Providers.Storage;

namespace Parity.Providers.Tests.Storage;

public sealed class StorageExceptionTranslationHostingTests
{
    [Fact]
    public void AddStorageExceptionTranslation_CalledTwice_WrapsTheProviderOnce()
    {
        using var host = BuildHost(silo => silo
            .AddAdoNetGrainStorage("state", options => (options.Invariant, options.ConnectionString) = ("Npgsql", "Host=127.0.0.1"))
            .AddAdoNetGrainStorage("other", options => (options.Invariant, options.ConnectionString) = ("Npgsql", "Host=127.0.0.1"))
            .AddStorageExceptionTranslation("state")
            .AddStorageExceptionTranslation());

        var state = Assert.IsType<StorageExceptionTranslatingGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("state"));
        Assert.IsNotType<StorageExceptionTranslatingGrainStorage>(state.Inner);
        var other = Assert.IsType<StorageExceptionTranslatingGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("other"));
        Assert.IsNotType<StorageExceptionTranslatingGrainStorage>(other.Inner);
        // Orleans registers the provider as a silo lifecycle participant through the keyed service: the wrapper must be one.
        Assert.Contains(host.Services.GetServices<Orleans.ILifecycleParticipant<Orleans.Runtime.ISiloLifecycle>>(), participant => ReferenceEquals(participant, state));
    }

    [Fact]
    public void AddStorageExceptionTranslation_BeforeTheProviders_FailsSayingSo()
    {
        var noProviders = Assert.Throws<InvalidOperationException>(() => BuildHost(silo => silo.AddStorageExceptionTranslation()));
        Assert.Contains("after adding the providers", noProviders.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<InvalidOperationException>(() => BuildHost(silo => silo
            .AddAdoNetGrainStorage("state", options => (options.Invariant, options.ConnectionString) = ("Npgsql", "Host=127.0.0.1"))
            .AddStorageExceptionTranslation("journal")));
        Assert.Contains("journal", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StorageUnavailableException_RoundTripsThroughOrleansSerializer()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var original = new StorageUnavailableException("parity-adonet", "write", "order/42", "Npgsql.PostgresException", "53300", "53300: sorry, too many clients already");

        var copy = Assert.IsType<StorageUnavailableException>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(original)));

        Assert.Equal(
            (original.Message, original.ProviderName, original.Operation, original.GrainId, original.ProviderErrorType, original.SqlState),
            (copy.Message, copy.ProviderName, copy.Operation, copy.GrainId, copy.ProviderErrorType, copy.SqlState));
    }

    private static IHost BuildHost(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => configure(silo.UseLocalhostClustering()));
        return builder.Build();
    }
}
