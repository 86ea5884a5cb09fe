using Parity.LoadTest.Cli;

namespace Parity.LoadTest.Tests.Cli;

public sealed class LoadTestCommandTests
{
    [Theory]
    [InlineData("omnichannel-day", "--mix", "place=50,teleport=3")]
    [InlineData("omnichannel-day", "--mix", "place=0,pos=0")]
    [InlineData("pos-burst", "--stores", "0")]
    [InlineData("pos-burst", "--burst-interval", "0")]
    public async Task Invoke_MixedScenarioWithInvalidShape_ExitsWithFailure(string scenario, string option, string value)
    {
        var exit = await LoadTestCommand.Create().Parse([scenario, option, value]).InvokeAsync();

        Assert.Equal(LoadTestCommand.Failed, exit);
    }

    [Theory]
    [InlineData("omnichannel-day")]
    [InlineData("pos-burst")]
    public async Task Invoke_MixedScenarioWithBaseline_ExitsWithFailure(string scenario)
    {
        // The baseline and ceiling are defined for the flash sale's reservation only.
        var exit = await LoadTestCommand.Create().Parse([scenario, "--ceiling"]).InvokeAsync();

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
