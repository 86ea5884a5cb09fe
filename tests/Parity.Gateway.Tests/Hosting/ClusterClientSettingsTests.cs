using System.Net;
using Microsoft.Extensions.Configuration;
using Parity.Gateway.Hosting;

namespace Parity.Gateway.Tests.Hosting;

/// <summary>How a gateway process finds its cluster from the silos' own keys, and refusals that name the key.</summary>
public sealed class ClusterClientSettingsTests
{
    [Fact]
    public void NothingConfigured_IsTheDefaultSiloOnThisMachine()
    {
        var settings = Read([]);

        Assert.Equal(("parity-local", "parity"), (settings.ClusterId, settings.ServiceId));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30000), Assert.Single(settings.Gateways));
        Assert.Null(settings.MembershipConnectionString);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.ConnectRetryDelay);
    }

    [Fact]
    public void LocalSiloOnAnotherGatewayPort_IsFollowed()
    {
        var settings = Read(new() { ["Parity:Storage:Provider"] = "Sqlite", ["Parity:Cluster:GatewayPort"] = "31000" });

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 31000), Assert.Single(settings.Gateways));
    }

    [Fact]
    public void ListedGateways_AsAListOrOneCommaSeparatedValue_WinOverTheMembershipTable()
    {
        var listed = Read(new()
        {
            ["Parity:Cluster:Gateways:0"] = "127.0.0.1:30000",
            ["Parity:Cluster:Gateways:1"] = "10.0.0.7:30001",
            ["Parity:Storage:Provider"] = "Postgres",
            ["Parity:Storage:ConnectionString"] = "Host=db;Database=parity",
        });
        var joined = Read(new() { ["Parity:Cluster:Gateways"] = "127.0.0.1:30000, 10.0.0.7:30001" });

        Assert.Equal(new[] { new IPEndPoint(IPAddress.Loopback, 30000), new IPEndPoint(IPAddress.Parse("10.0.0.7"), 30001) }, listed.Gateways);
        Assert.Null(listed.MembershipConnectionString);
        Assert.Equal(listed.Gateways, joined.Gateways);
    }

    [Theory]
    [InlineData("Postgres")]
    [InlineData(null)]
    public void PostgresConnectionString_ReadsTheMembershipTable(string? provider)
    {
        var settings = Read(new()
        {
            ["Parity:Storage:Provider"] = provider,
            ["Parity:Storage:ConnectionString"] = "Host=db;Database=parity",
            ["Parity:Cluster:ClusterId"] = "prod",
            ["Parity:Cluster:ServiceId"] = "parity-eu",
        });

        Assert.Equal("Host=db;Database=parity", settings.MembershipConnectionString);
        Assert.Empty(settings.Gateways);
        Assert.Equal(("prod", "parity-eu"), (settings.ClusterId, settings.ServiceId));
        Assert.DoesNotContain("Host=db", settings.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Parity:Cluster:Gateways:0", "silo-without-port")]
    [InlineData("Parity:Cluster:Gateways:0", "127.0.0.1:99999")]
    [InlineData("Parity:Cluster:GatewayPort", "thirty")]
    [InlineData("Parity:Cluster:ClusterId", "")]
    [InlineData("Parity:Cluster:ConnectRetryDelay", "soon")]
    [InlineData("Gateway:Cluster:Gateways:0", "127.0.0.1:11111")]
    public void BadOrRetiredKey_IsRefused_NamingTheKey(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { [key] = value }));

        Assert.StartsWith(key.StartsWith("Gateway:Cluster", StringComparison.Ordinal) ? "Gateway:Cluster" : key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresWithoutConnectionString_IsRefused_NamingTheKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(new() { ["Parity:Storage:Provider"] = "Postgres" }));

        Assert.StartsWith("Parity:Storage:ConnectionString is required", error.Message, StringComparison.Ordinal);
    }

    private static ClusterClientSettings Read(Dictionary<string, string?> values) =>
        ClusterClientSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
