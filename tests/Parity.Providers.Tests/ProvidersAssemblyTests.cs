namespace Parity.Providers.Tests;

public sealed class ProvidersAssemblyTests
{
    [Fact]
    public void Assembly_IsNamedAfterTheProject() =>
        Assert.Equal("Parity.Providers", typeof(ProvidersAssembly).Assembly.GetName().Name);
}
