namespace Parity.Grains;

/// <summary>Anchor type for registering this assembly's grains with a silo.</summary>
public static class GrainsAssembly;
