using Parity.Runtime;
using Parity.Runtime.Invocation;

namespace Parity.Runtime.Tests.Invocation;

public sealed class GrainTypeRegistryTests
{
    public interface IOverridable : IGrainWithStringKey
    {
        Task<string> WhoAsync();
    }

    public sealed class RealGrain : Grain, IOverridable
    {
        public Task<string> WhoAsync() => Task.FromResult("real");
    }

    public sealed class OtherRealGrain : Grain, IOverridable
    {
        public Task<string> WhoAsync() => Task.FromResult("other");
    }

    [GrainOverride]
    public sealed class DoubleGrain : Grain, IOverridable
    {
        public Task<string> WhoAsync() => Task.FromResult("double");
    }

    [Fact]
    public void TwoPlainImplementations_AreAmbiguous()
    {
        var registry = new GrainTypeRegistry();
        registry.AddClass(typeof(RealGrain));
        registry.AddClass(typeof(OtherRealGrain));

        var error = Assert.Throws<InvalidOperationException>(() => registry.GetClassForInterface(typeof(IOverridable)));
        Assert.Contains("Several grain classes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GrainOverride_WinsOverTheRealGrain_InEitherRegistrationOrder(bool doubleFirst)
    {
        var registry = new GrainTypeRegistry();
        Type[] order = doubleFirst ? [typeof(DoubleGrain), typeof(RealGrain)] : [typeof(RealGrain), typeof(DoubleGrain)];
        foreach (var type in order)
        {
            registry.AddClass(type);
        }

        Assert.Equal(typeof(DoubleGrain), registry.GetClassForInterface(typeof(IOverridable)).ClassType);
    }

    [Fact]
    public void GrainOverride_WinsEvenOverAnAlreadyAmbiguousInterface()
    {
        var registry = new GrainTypeRegistry();
        registry.AddClass(typeof(RealGrain));
        registry.AddClass(typeof(OtherRealGrain));
        registry.AddClass(typeof(DoubleGrain));

        Assert.Equal(typeof(DoubleGrain), registry.GetClassForInterface(typeof(IOverridable)).ClassType);
    }
}
