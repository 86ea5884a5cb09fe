using Parity.Silo.Tests.Testing;

namespace Parity.Silo.Tests.Configuration;

/// <summary>A silo with a setting it cannot use does not start, and says which setting: in the host, and on the
/// command line (one line on stderr, a non-zero exit code).</summary>
public sealed class SiloStartupTests
{
    [Fact]
    public void Host_WithABadKey_IsNotBuilt_AndTheErrorNamesTheKey()
    {
        var error = Assert.Throws<SiloConfigurationException>(() => TestSilo.Build(new Dictionary<string, string?> { ["Parity:Storage:Provider"] = "Cassandra" }));

        Assert.Equal("Parity:Storage:Provider", error.Key);
    }

    [Fact]
    public async Task Process_WithABadKey_ExitsWithOne_NamingTheKey()
    {
        using var directory = new TempDirectory();

        var (exitCode, output, error) = await SiloProcess.RunAsync([], new Dictionary<string, string>
        {
            ["PARITY_DATA_DIR"] = directory.Path,
            ["Parity__Cluster__SiloPort"] = "eleven",
        }, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{output}\n{error}");
        Assert.Contains("Parity silo not started: Parity:Cluster:SiloPort='eleven' is not a port number", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Theory]
    [InlineData("parity-dev-admin")]
    [InlineData("parity-dev-web")]
    [InlineData("parity-dev-pos")]
    public void Host_OutsideDevelopment_WithAPublishedDevelopmentKey_IsNotBuilt(string key)
    {
        var error = Assert.Throws<SiloConfigurationException>(() => TestSilo.Build(new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:1:Key"] = key,
            ["Gateway:ApiKeys:1:Channel"] = "operations",
            ["Gateway:ApiKeys:1:Scopes:0"] = "admin",
        }));

        Assert.Equal("Gateway:ApiKeys:1:Key", error.Key);
        Assert.Contains("published development key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_InProduction_WithThePublishedAdminKey_ExitsWithOne_NamingTheSetting()
    {
        using var directory = new TempDirectory();

        var (exitCode, output, error) = await SiloProcess.RunAsync([], new Dictionary<string, string>
        {
            ["PARITY_DATA_DIR"] = directory.Path,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Gateway__ApiKeys__0__Key"] = "parity-dev-admin",
            ["Gateway__ApiKeys__0__Channel"] = "operations",
            ["Gateway__ApiKeys__0__Scopes__0"] = "admin",
        }, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 1, $"exit code {exitCode}\n{output}\n{error}");
        Assert.Contains("Parity silo not started: Gateway:ApiKeys:0:Key is a published development key", error, StringComparison.Ordinal);
    }
}
