using System.Net;
using Microsoft.Extensions.Configuration;
using Parity.Providers.Schema;
using Parity.Silo.Tests.Testing;

namespace Parity.Silo.Tests.Configuration;

/// <summary>The configuration matrix: what each storage choice and cluster key means, and a clear refusal naming the key
/// for every setting the silo cannot use, before anything starts.</summary>
public sealed class SiloSettingsTests
{
    private const string ContentRoot = "/srv/parity";

    public static TheoryData<string, string, string> BadValues() => new()
    {
        // key, value, what the refusal must say besides the key
        { "Parity:Storage:Provider", "Oracle", "Sqlite, Postgres, Memory" },
        { "Parity:Storage:Provider", "1", "Sqlite, Postgres, Memory" },
        { "Parity:Cluster:SiloPort", "eleven", "port number" },
        { "Parity:Cluster:SiloPort", "0", "port number from 1" },
        { "Parity:Cluster:SiloPort", "70000", "port number" },
        { "Parity:Cluster:GatewayPort", "-1", "port number" },
        { "Parity:Cluster:AdvertisedIPAddress", "silo-1.example", "IP address" },
        { "Parity:Cluster:AdvertisedIPAddress", "0.0.0.0", "not 0.0.0.0" },
        { "Parity:Cluster:ClusterId", " ", "empty" },
        { "Parity:Cluster:ServiceId", "", "empty" },
        { "Parity:Storage:MigrateOnStart", "maybe", "true or false" },
        { "Parity:Storage:CoalesceAppends", "yes", "true or false" },
        { "Parity:Storage:MaxBatchSize", "0", "at least 1" },
        { "Parity:Cluster:Kubernetes", "true", "Parity:Storage:Provider=Postgres" },
        { "Parity:Cluster:Kubernetes", "sometimes", "true or false" },
        { "Silo:SiloPort", "11112", "Parity:Cluster:SiloPort" },
        { "Silo:ClusterId", "parity", "Parity:Cluster:ClusterId" },
        { "Parity:Clustering", "Postgres", "Parity:Storage:Provider" },
        { "Parity:Storage:CreateSchema", "true", "Parity:Storage:MigrateOnStart" },
    };

    [Fact]
    public void NothingConfigured_IsOneSiloOnSqlite_InDataUnderTheContentRoot()
    {
        var settings = Read([]);

        Assert.Equal(StorageProvider.Sqlite, settings.Storage);
        Assert.Equal(Path.Combine(ContentRoot, "data"), settings.DataDirectory);
        Assert.Equal(Path.Combine(ContentRoot, "data", "parity.db"), SiloSettings.SqliteDataSource(settings.ConnectionString));
        Assert.Equal(SchemaDialect.Sqlite, settings.SchemaDialect);
        Assert.Equal("parity-local", settings.ClusterId);
        Assert.Equal("parity", settings.ServiceId);
        Assert.Equal(11111, settings.SiloPort);
        Assert.Equal(30000, settings.GatewayPort);
        Assert.Equal(IPAddress.Loopback, settings.AdvertisedIPAddress);
        Assert.True(settings.MigrateOnStart);
        Assert.False(settings.Kubernetes);
        Assert.Null(settings.CoalesceAppends);
        Assert.Null(settings.MaxBatchSize);
        Assert.Contains("storage Sqlite", settings.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterKeys_AreTaken()
    {
        var settings = Read(new()
        {
            ["Parity:Storage:Provider"] = "memory",
            ["Parity:Cluster:ClusterId"] = "prod-eu",
            ["Parity:Cluster:ServiceId"] = "parity-eu",
            ["Parity:Cluster:SiloPort"] = "11112",
            ["Parity:Cluster:GatewayPort"] = "0",
            ["Parity:Cluster:AdvertisedIPAddress"] = "10.0.0.5",
            ["Parity:Storage:MigrateOnStart"] = "false",
            ["Parity:Storage:CoalesceAppends"] = "False",
            ["Parity:Storage:MaxBatchSize"] = "64",
        });

        Assert.Equal(StorageProvider.Memory, settings.Storage);
        Assert.Null(settings.SchemaDialect);
        Assert.Equal("", settings.ConnectionString);
        Assert.Equal(("prod-eu", "parity-eu", 11112, 0), (settings.ClusterId, settings.ServiceId, settings.SiloPort, settings.GatewayPort));
        Assert.Equal(IPAddress.Parse("10.0.0.5"), settings.AdvertisedIPAddress);
        Assert.False(settings.MigrateOnStart);
        Assert.False(settings.CoalesceAppends);
        Assert.Equal(64, settings.MaxBatchSize);
        Assert.Contains("no client gateway", settings.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void DataDirectory_RelativeToTheContentRoot_AndTheEnvironmentVariableWins()
    {
        Assert.Equal(Path.Combine(ContentRoot, "state"), Read(new() { ["Parity:DataDirectory"] = "state" }).DataDirectory);

        using var directory = new TempDirectory();
        Environment.SetEnvironmentVariable(SiloSettings.DataDirectoryVariable, directory.Path);
        try
        {
            var settings = Read(new() { ["Parity:DataDirectory"] = "state" });

            Assert.Equal(directory.Path, settings.DataDirectory);
            Assert.Equal(directory.DatabaseFile, SiloSettings.SqliteDataSource(settings.ConnectionString));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SiloSettings.DataDirectoryVariable, null);
        }
    }

    [Fact]
    public void Postgres_TakesItsConnectionString_ForEveryStore()
    {
        const string connectionString = "Host=db;Database=parity;Username=parity;Password=s3cret;Maximum Pool Size=40";
        var settings = Read(new() { ["Parity:Storage:Provider"] = "Postgres", ["Parity:Storage:ConnectionString"] = connectionString });

        Assert.Equal(StorageProvider.Postgres, settings.Storage);
        Assert.Equal(SchemaDialect.PostgreSql, settings.SchemaDialect);
        Assert.Equal(connectionString, settings.ConnectionString);
        Assert.DoesNotContain("s3cret", settings.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_OnPostgres_IsTaken()
    {
        var settings = Read(new()
        {
            ["Parity:Storage:Provider"] = "Postgres",
            ["Parity:Storage:ConnectionString"] = "Host=db;Database=parity;Username=parity;Maximum Pool Size=40",
            ["Parity:Cluster:Kubernetes"] = "true",
        });

        Assert.True(settings.Kubernetes);
    }

    [Fact]
    public void Postgres_WithoutAConnectionString_IsRefused_NamingTheKey()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => Read(new() { ["Parity:Storage:Provider"] = "Postgres" }));

        Assert.Equal("Parity:Storage:ConnectionString", error.Key);
        Assert.Contains("Parity:Storage:ConnectionString is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableConnectionString_IsRefused_WithoutEchoingIt()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => Read(new()
        {
            ["Parity:Storage:Provider"] = "Postgres",
            ["Parity:Storage:ConnectionString"] = "Host=db;Password=s3cret;Colour=blue",
        }));

        Assert.Equal("Parity:Storage:ConnectionString", error.Key);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SamePortForSiloAndClients_IsRefused()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => Read(new() { ["Parity:Cluster:SiloPort"] = "30000" }));

        Assert.Equal("Parity:Cluster:GatewayPort", error.Key);
        Assert.Contains("two ports", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadOrRetiredKey_IsRefused_NamingTheKey(string key, string value, string explanation)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => Read(new() { [key] = value }));

        Assert.Equal(key, error.Key);
        Assert.StartsWith(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(explanation, error.Message, StringComparison.Ordinal);
    }

    private static SiloSettings Read(Dictionary<string, string?> values) =>
        SiloSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), ContentRoot);
}
