namespace Parity.Providers.Tests.Schema;

[GenerateSerializer]
public sealed class StateProbeState
{
    [Id(0)]
    public string? Value { get; set; }

    [Id(1)]
    public int Writes { get; set; }
}
