using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Parity.Grains.Telemetry;
using Parity.Providers.Journal;

namespace Parity.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for the silo: Orleans' meters (<c>Microsoft.Orleans</c>: activations, messaging, storage, reminders,
/// membership), Parity's business meter (<c>Parity</c>) and the journal's (<c>Parity.Journal</c>), ASP.NET Core and
/// .NET runtime metrics; Orleans' and ASP.NET Core's traces. Exported over OTLP when an endpoint is configured
/// (<c>Parity:Telemetry:OtlpEndpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>); otherwise collected
/// for in-process readers only (the Orleans Dashboard keeps its own counters).
/// </summary>
internal static class ParityTelemetryExtensions
{
    /// <summary>Configuration key of the OTLP endpoint (e.g. <c>http://otel-collector:4317</c>).</summary>
    public const string OtlpEndpointKey = "Parity:Telemetry:OtlpEndpoint";

    /// <summary>The meters Parity exports.</summary>
    public static readonly string[] Meters = ["Microsoft.Orleans", ParityMetrics.MeterName, ParityJournal.MeterName];

    /// <summary>Adds OpenTelemetry metrics and traces; <paramref name="configureMetrics"/> lets a test add a reader.</summary>
    public static IServiceCollection AddParityTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceInstanceId,
        Action<MeterProviderBuilder>? configureMetrics = null)
    {
        var endpoint = configuration[OtlpEndpointKey] is { Length: > 0 } configured
            ? configured
            : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("parity-silo", serviceInstanceId: serviceInstanceId))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddAspNetCoreInstrumentation().AddRuntimeInstrumentation();
                if (!string.IsNullOrEmpty(endpoint))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
                }

                configureMetrics?.Invoke(metrics);
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddAspNetCoreInstrumentation();
                if (!string.IsNullOrEmpty(endpoint))
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
                }
            });
        return services;
    }
}
