namespace Parity.Providers.Tests.Schema;

/// <summary>A grain whose state lives in Orleans' ADO.NET grain storage (provider <see cref="StateProbeGrain.StorageName"/>).</summary>
public interface IStateProbeGrain : IGrainWithStringKey
{
    Task WriteAsync(string value);

    Task<string?> ReadAsync();

    /// <summary>Deactivates after this call, so the next call reads the state back from storage.</summary>
    Task DeactivateAsync();
}
