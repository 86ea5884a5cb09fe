namespace Parity.Silo;

/// <summary>A silo setting is missing, malformed or contradicts another; <see cref="Key"/> names it.</summary>
internal sealed class SiloConfigurationException(string key, string message) : InvalidOperationException(message)
{
    /// <summary>The configuration key at fault (<c>Parity:Cluster:SiloPort</c>, ...).</summary>
    public string Key { get; } = key;
}
