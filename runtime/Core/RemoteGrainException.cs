namespace Parity.Runtime;

/// <summary>
/// A grain on another silo threw an exception this process cannot recreate (its type is unknown here or has
/// no <c>(string message)</c> constructor). Carries the original type name and message.
/// </summary>
public sealed class RemoteGrainException : ParityException
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException(string remoteExceptionType, string message) : base(message)
        => RemoteExceptionType = remoteExceptionType;

    /// <summary>The type name of the exception thrown remotely (<c>Namespace.Type, Assembly</c>).</summary>
    public string RemoteExceptionType { get; }
}
