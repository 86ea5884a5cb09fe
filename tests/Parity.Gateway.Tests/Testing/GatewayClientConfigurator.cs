using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.TestingHost;
using Parity.Gateway.Requests;

namespace Parity.Gateway.Tests.Testing;

/// <summary>The test cluster's client, which the gateway calls through: it bounds calls by the request's deadline, as a
/// host running the gateway with its own Orleans runtime does (AddParityGateway registers the same filter there).</summary>
public sealed class GatewayClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
    {
        clientBuilder.Services.TryAddSingleton(TimeProvider.System);
        clientBuilder.AddOutgoingGrainCallFilter<RequestDeadlineCallFilter>();
        if (configuration[GatewaySiloConfigurator.PostgresKey] is { Length: > 0 } connectionString)
        {
            clientBuilder.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
        }
    }
}
