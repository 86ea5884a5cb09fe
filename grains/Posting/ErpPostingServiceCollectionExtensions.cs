using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces.Erp;
using Parity.Grains.Posting;

// Next to AddOptions and friends, as the framework's own extensions.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ERP posting with a silo.</summary>
public static class ErpPostingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the posting rules (<c>Parity:Erp:Posting</c>, following configuration reloads), the ERP options
    /// (<c>Parity:Erp</c>, validated at start), the silo's <see cref="ErpGate"/>, the connector (HTTP when
    /// <c>Parity:Erp:BaseUrl</c> is set, else journals queue durably) and the hledger export when
    /// <c>Parity:Erp:HledgerDirectory</c> is set. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddParityErpPosting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ErpGate)))
        {
            return services;
        }

        services.AddOptions<PostingRulesOptions>().Bind(configuration.GetSection(PostingRulesOptions.SectionName)).ValidateOnStart();
        services.AddOptions<ErpPostingOptions>().Bind(configuration.GetSection(ErpPostingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostingRulesOptions>, ErpOptionsValidator>();
        services.AddSingleton<IValidateOptions<ErpPostingOptions>, ErpOptionsValidator>();
        services.AddSingleton(sp => new PostingRuleBook(sp.GetRequiredService<IOptionsMonitor<PostingRulesOptions>>()));
        services.AddSingleton(sp => new ErpGate(sp.GetRequiredService<IOptions<ErpPostingOptions>>().Value));
        services.AddSingleton<IErpConnector>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ErpPostingOptions>>().Value;
            if (string.IsNullOrWhiteSpace(options.BaseUrl))
            {
                return new UnconfiguredErpConnector();
            }

            var baseUrl = options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/";
            var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            return new HttpErpConnector(new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = options.RequestTimeout });
        });
        var hledger = configuration[$"{ErpPostingOptions.SectionName}:{nameof(ErpPostingOptions.HledgerDirectory)}"];
        if (!string.IsNullOrWhiteSpace(hledger))
        {
            services.AddSingleton(sp => new HledgerExporter(hledger, sp.GetRequiredService<PostingRuleBook>()));
        }

        return services;
    }

    private sealed class ErpOptionsValidator : IValidateOptions<PostingRulesOptions>, IValidateOptions<ErpPostingOptions>
    {
        public ValidateOptionsResult Validate(string? name, PostingRulesOptions options)
        {
            try
            {
                _ = new PostingRules(options);
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail(e.Message);
            }
        }

        public ValidateOptionsResult Validate(string? name, ErpPostingOptions options)
        {
            var errors = options.Validate().ToList();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
