namespace Parity.GrainInterfaces;

/// <summary>Root of the business errors Parity's grains raise: a refusal the caller can read and act on, after
/// which nothing was changed.</summary>
[GenerateSerializer]
[Alias("parity.ParityException")]
public abstract class ParityException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ParityException(string message, Exception? inner = null) : base(message, inner) { }
}
