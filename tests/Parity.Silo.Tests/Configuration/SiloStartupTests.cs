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
}
