using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Parity.Gateway.Tests.Testing;

/// <summary>Counts the writes and clears of grain state (the rows an Orleans storage table would gain or change), so a
/// test can prove a refused request stored nothing outside the journal either.</summary>
public sealed class GrainStateWrites
{
    private long _count;

    /// <summary>State writes and clears since the silo started.</summary>
    public long Count => Interlocked.Read(ref _count);

    internal void Add() => Interlocked.Increment(ref _count);

    /// <summary>Wraps the silo's grain storage provider <paramref name="name"/> (already added) so its writes are counted.</summary>
    public static void Wrap(IServiceCollection services, string name)
    {
        services.AddSingleton<GrainStateWrites>();
        for (var i = 0; i < services.Count; i++)
        {
            var original = services[i];
            if (original.ServiceType != typeof(IGrainStorage) || !original.IsKeyedService || !Equals(original.ServiceKey, name))
            {
                continue;
            }

            services[i] = ServiceDescriptor.DescribeKeyed(typeof(IGrainStorage), name, (sp, key) => new CountingGrainStorage(
                (IGrainStorage)(original.KeyedImplementationInstance
                    ?? original.KeyedImplementationFactory?.Invoke(sp, key)
                    ?? ActivatorUtilities.CreateInstance(sp, original.KeyedImplementationType!)),
                sp.GetRequiredService<GrainStateWrites>()), original.Lifetime);
        }
    }

    private sealed class CountingGrainStorage(IGrainStorage inner, GrainStateWrites writes) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
            writes.Add();
        }

        public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
            writes.Add();
        }
    }
}
