namespace Parity.Runtime;

/// <summary>Creates references to grains. A reference is cheap and activates nothing until it is called.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrainInterface"/> with key <paramref name="key"/>.</summary>
    TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey;
}
