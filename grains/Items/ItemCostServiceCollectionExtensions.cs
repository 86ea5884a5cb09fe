using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Parity.Grains.Items;

// Next to AddOptions and friends, as the framework's own extensions.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the items' unit costs with a silo.</summary>
public static class ItemCostServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ItemCostOptions"/> from <c>Parity:Items</c> and validates them at start (no negative cost).
    /// Orders and store days read this one table. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddParityItemCosts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ItemCostOptions>()
            .Bind(configuration.GetSection(ItemCostOptions.SectionName))
            .ValidateOnStart();
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<ItemCostOptions>)))
        {
            services.AddSingleton<IValidateOptions<ItemCostOptions>, ItemCostOptionsValidator>();
        }

        return services;
    }

    private sealed class ItemCostOptionsValidator : IValidateOptions<ItemCostOptions>
    {
        public ValidateOptionsResult Validate(string? name, ItemCostOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
