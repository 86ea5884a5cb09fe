using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Parity.Providers.Storage;

namespace Orleans.Hosting;

/// <summary>Silo builder extensions that make grain storage failures reach callers as a serializable, retryable exception.</summary>
public static class StorageExceptionTranslationSiloBuilderExtensions
{
    /// <summary>
    /// Wraps grain storage providers already added to the silo (e.g. <c>AddAdoNetGrainStorage</c>) so a database
    /// failure reaches the caller as <see cref="StorageUnavailableException"/> (retryable) instead of the driver's
    /// exception, which Orleans cannot serialize (the caller would get <c>CodecNotFoundException</c>). Call it after
    /// adding the providers: it wraps the ones registered at the time of the call. Safe to call twice.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="providerNames">Providers to wrap; all grain storage providers added so far when empty.</param>
    /// <returns>The silo builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException">A named provider, or any provider when none is named, has not been added yet.</exception>
    public static ISiloBuilder AddStorageExceptionTranslation(this ISiloBuilder builder, params string[] providerNames)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(providerNames);
        var services = builder.Services;
        var storages = services
            .Select((descriptor, index) => (Descriptor: descriptor, Index: index))
            .Where(entry => entry.Descriptor.ServiceType == typeof(IGrainStorage) && entry.Descriptor.IsKeyedService && entry.Descriptor.ServiceKey is string)
            .ToList();
        var wanted = providerNames.Length == 0 ? storages.Select(entry => (string)entry.Descriptor.ServiceKey!).ToHashSet(StringComparer.Ordinal) : [.. providerNames];
        var missing = wanted.Where(name => !storages.Any(entry => (string)entry.Descriptor.ServiceKey! == name)).ToList();
        if (missing.Count > 0 || wanted.Count == 0)
        {
            throw new InvalidOperationException(
                $"No grain storage provider named {string.Join(", ", missing.DefaultIfEmpty("(any)"))} has been added to the silo yet: " +
                $"call {nameof(AddStorageExceptionTranslation)} after adding the providers it should wrap.");
        }

        foreach (var (descriptor, index) in storages)
        {
            if (!wanted.Contains((string)descriptor.ServiceKey!) || descriptor.KeyedImplementationFactory?.Target is TranslatingFactory)
            {
                continue;
            }

            var factory = new TranslatingFactory(descriptor);
            services[index] = ServiceDescriptor.DescribeKeyed(typeof(IGrainStorage), descriptor.ServiceKey, factory.Create, descriptor.Lifetime);
        }

        return builder;
    }

    /// <summary>Builds the original provider as registered, then wraps it; its type marks a descriptor as already wrapped.</summary>
    private sealed class TranslatingFactory(ServiceDescriptor original)
    {
        public object Create(IServiceProvider services, object? key)
        {
            var inner = (IGrainStorage)(original.KeyedImplementationInstance
                ?? original.KeyedImplementationFactory?.Invoke(services, key)
                ?? ActivatorUtilities.CreateInstance(services, original.KeyedImplementationType!));
            return new StorageExceptionTranslatingGrainStorage(
                (string)key!, inner, services.GetRequiredService<ILogger<StorageExceptionTranslatingGrainStorage>>());
        }
    }
}
