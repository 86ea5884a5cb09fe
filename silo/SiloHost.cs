using Parity.Silo.Health;
using Parity.Silo.Telemetry;

namespace Parity.Silo;

/// <summary>
/// The silo process: one ASP.NET Core host running the Orleans silo (<see cref="SiloConfiguration"/>) with the
/// channels' gateway, Parity's dashboard, the Orleans Dashboard and the health endpoints on one HTTP port, and
/// OpenTelemetry metrics and traces.
/// </summary>
internal static partial class SiloHost
{
    /// <summary>The HTTP address when <c>Urls</c> is not configured.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Builds the host from <paramref name="args"/> and the usual configuration sources.</summary>
    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="configure">Changes the builder before the silo reads its settings (tests add configuration).</param>
    /// <exception cref="SiloConfigurationException">A setting cannot be used; the message names it.</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.WebHost.UseUrls(builder.Configuration["Urls"] is { Length: > 0 } urls ? urls : DefaultUrls);
        RefusePublishedKeys(builder);
        var settings = builder.UseParitySilo();
        builder.Services.AddParityTelemetry(builder.Configuration, serviceInstanceId: $"{settings.AdvertisedIPAddress}:{settings.SiloPort}");
        builder.Services.AddParityGateway(builder.Configuration);
        builder.Services.AddParityDashboard(builder.Configuration);

        var app = builder.Build();
        app.MapSiloHealth();
        app.MapParityGateway();
        app.MapParityDashboard();
        app.MapParityOrleansDashboard();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var readiness = app.Services.GetRequiredService<SiloReadiness>();
            LogStarted(app.Logger, readiness.Address, settings.Describe(), string.Join(", ", app.Urls));
            if (settings.Storage == StorageProvider.Postgres && !SetsPoolSize(settings.ConnectionString))
            {
                LogDefaultPoolSize(app.Logger);
            }
        });
        return app;
    }

    // The development keys are in the README and the source: outside Development they would let anyone in.
    private static void RefusePublishedKeys(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            return;
        }

        var published = builder.Configuration.GetSection(Parity.Gateway.Hosting.GatewayOptions.SectionName + ":ApiKeys").GetChildren()
            .FirstOrDefault(c => Parity.Gateway.Hosting.PublishedKeys.IsPublishedDevelopmentKey(c["Key"] ?? ""));
        if (published is not null)
        {
            var at = published.Path + ":Key";
            throw new SiloConfigurationException(at,
                $"{at} is a published development key; configure a secret key (e.g. openssl rand -hex 24) outside Development ({builder.Environment.EnvironmentName}).");
        }
    }

    // Npgsql's default of 100 connections per process suits one silo, not several on one server (see SiloConfiguration).
    private static bool SetsPoolSize(string connectionString)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        return keys.Any(static k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
            || k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Parity:Storage:ConnectionString sets no Maximum Pool Size: Npgsql allows 100 connections per silo, which several silos can push past the server's max_connections; set it to about (max_connections - reserved) / silos")]
    private static partial void LogDefaultPoolSize(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Parity silo {Silo} is ready ({Settings}); HTTP on {Urls}")]
    private static partial void LogStarted(ILogger logger, SiloAddress silo, string settings, string urls);
}
