using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.RateLimiting;
using Parity.Gateway.Requests;
using Parity.Gateway.Security;
using Parity.Gateway.Validation;

// Next to AddProblemDetails and AddRateLimiter, where a reader of Program.cs looks for it.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the channel gateway to a host.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the gateway's services: API-key authentication with scopes, per-channel rate limits, problem details
    /// for every error, JSON settings, the OpenAPI document and the options bound from the <c>Gateway</c> section.
    /// The gateway calls grains through the Orleans <see cref="Orleans.IGrainFactory"/> the host registers (a co-hosting
    /// silo's, <c>UseOrleans</c>, or a gateway process's client, <c>UseParityClusterClient</c>), each call bounded by the
    /// request's deadline (<see cref="RequestDeadlineCallFilter"/>, registered here with the host's Orleans runtime).
    /// Register an <see cref="ICatalogCheck"/> first to refuse unknown SKUs and locations. Safe to call twice.
    /// </summary>
    public static IServiceCollection AddParityGateway(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ApiKeyStore)))
        {
            return services;
        }

        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddOptions<Parity.Gateway.Orders.ShopifyOptions>().Bind(configuration.GetSection(Parity.Gateway.Orders.ShopifyOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICatalogCheck, OpenCatalogCheck>();
        services.AddSingleton<IOutgoingGrainCallFilter, RequestDeadlineCallFilter>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<RequestBodyBudget>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => GatewayProblem.Enrich(c.HttpContext, c.ProblemDetails));
        services.AddExceptionHandler<GatewayExceptionHandler>();

        // Binding failures throw, so the exception handler answers them with a problem naming the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // A key sent twice is refused, not read last-wins: a proxy and the gateway could otherwise read different values.
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default);
        });

        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(o =>
        {
            foreach (var scope in GatewayScopes.All)
            {
                o.AddPolicy(scope, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                    .RequireAuthenticatedUser()
                    .AddRequirements(new ScopeRequirement(scope)));
            }
        });
        services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<GatewayOptions>, IOptions<Parity.Gateway.Orders.ShopifyOptions>>((limiter, gateway, shopify) =>
                ChannelRateLimiter.Configure(limiter, gateway.Value.RateLimits, signedShopifyWebhooks: !string.IsNullOrEmpty(shopify.Value.WebhookSecret)));
        services.AddSingleton<ShopifyWebhookLimiter>();

        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Parity channel gateway";
            document.Info.Description = "Orders and their lifecycle events, Shopify webhooks, inventory movements, reservations, availability and operations for sales channels. "
                + $"Authenticate with the {ApiKeyAuthentication.HeaderName} header; errors are RFC 7807 problem details.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.HeaderName,
                Description = "The channel's API key.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, document)] = [] }];
            return Task.CompletedTask;
        }));
        return services;
    }
}
