using Parity.LoadTest.Cli;

namespace Parity.LoadTest.Tests.Cli;

public sealed class LoadTestCommandTests
{
    [Theory]
    [InlineData("omnichannel-day")]
    [InlineData("pos-burst")]
    public async Task Invoke_ScenarioNotBuilt_ExitsWithFailure(string scenario)
    {
        var exit = await LoadTestCommand.Create().Parse([scenario]).InvokeAsync();

        Assert.Equal(LoadTestCommand.Failed, exit);
    }

    [Fact]
    public async Task Invoke_TargetNeitherInprocNorUrl_ExitsWithFailure()
    {
        var exit = await LoadTestCommand.Create().Parse(["flash-sale", "--target", "ftp://example"]).InvokeAsync();

        Assert.Equal(LoadTestCommand.Failed, exit);
    }

    [Fact]
    public async Task Invoke_BaselineAgainstAGatewayUrl_ExitsWithFailure()
    {
        // The baseline's endpoint lives only in the load test's own host.
        var exit = await LoadTestCommand.Create().Parse(["flash-sale", "--target", "http://127.0.0.1:1", "--api-key", "k", "--baseline", "sql-row-lock"]).InvokeAsync();

        Assert.Equal(LoadTestCommand.Failed, exit);
    }

    [Fact]
    public void Parse_UnknownStore_IsAnError()
    {
        var result = LoadTestCommand.Create().Parse(["flash-sale", "--store", "oracle"]);

        Assert.NotEmpty(result.Errors);
    }
}
